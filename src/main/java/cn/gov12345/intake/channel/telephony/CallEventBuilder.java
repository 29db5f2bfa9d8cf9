package cn.gov12345.intake.channel.telephony;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Fills a {@link CallEvent} field by field, so each vendor parser names only what it has. */
final class CallEventBuilder {

  private final String vendor;
  private final String account;
  private final String callId;
  private CallEventKind kind;
  private String token;
  private Instant at;
  private CallerNumber caller = CallerNumber.ABSENT;
  private String callee;
  private String direction;
  private String agent;
  private String cause;
  private Integer duration;
  private Integer queueWait;
  private Instant answeredAt;
  private String recordingUrl;
  private String recordingId;
  private String transcript;
  private boolean afterHours;
  private final Map<String, String> fields = new TreeMap<>();

  CallEventBuilder(String vendor, String account, String callId) {
    this.vendor = vendor;
    this.account = account;
    this.callId = callId;
  }

  CallEventBuilder kind(CallEventKind k, String dedupToken) {
    this.kind = k;
    this.token = dedupToken;
    return this;
  }

  CallEventBuilder at(Instant when) {
    this.at = when;
    return this;
  }

  CallEventBuilder caller(CallerNumber c) {
    this.caller = c;
    return this;
  }

  CallEventBuilder callee(String c) {
    this.callee = c;
    return this;
  }

  CallEventBuilder direction(String d) {
    this.direction = d;
    return this;
  }

  CallEventBuilder agent(String a) {
    this.agent = a;
    return this;
  }

  CallEventBuilder cause(String c) {
    this.cause = c;
    return this;
  }

  CallEventBuilder duration(Integer seconds) {
    this.duration = seconds;
    return this;
  }

  CallEventBuilder queueWait(Integer seconds) {
    this.queueWait = seconds;
    return this;
  }

  CallEventBuilder answeredAt(Instant when) {
    this.answeredAt = when;
    return this;
  }

  CallEventBuilder recording(String url, String id) {
    this.recordingUrl = url;
    this.recordingId = id;
    return this;
  }

  CallEventBuilder transcript(String text) {
    this.transcript = text;
    return this;
  }

  CallEventBuilder afterHours(boolean after) {
    this.afterHours = after;
    return this;
  }

  /** Keeps a vendor field as sent (never a personal one); null values are skipped. */
  CallEventBuilder field(String name, String value) {
    if (value != null && !value.isEmpty()) {
      fields.put(name, value);
    }
    return this;
  }

  CallEvent build() {
    return new CallEvent(
        vendor,
        account,
        callId,
        kind,
        token,
        at,
        caller,
        callee,
        direction,
        agent,
        cause,
        duration,
        queueWait,
        answeredAt,
        recordingUrl,
        recordingId,
        transcript,
        afterHours,
        fields);
  }
}
