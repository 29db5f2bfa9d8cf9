package cn.gov12345.intake.channel.telephony;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads Zammad-style generic CTI events ({@code event=newCall|answer|hangup} with {@code callId},
 * {@code direction=in|out}, {@code from}, {@code to}, {@code user[]}, {@code answeringNumber}, and
 * on hangup {@code cause}) into {@link CallEvent}s. They carry no timestamp and no event id: an
 * event is identified by its name (and cause), so a PBX's retry is a duplicate.
 */
final class ZammadEvents {

  static final String VENDOR = "zammad";

  private final Callers callers;

  ZammadEvents(Callers callers) {
    this.callers = callers;
  }

  CallEvent read(String integration, Map<String, List<String>> form, Instant now) {
    String event = TwilioCallbacks.required(form, "event");
    String callId = TelephonyChannel.callId(TwilioCallbacks.required(form, "callId"));
    boolean outbound = "out".equals(FormBody.first(form, "direction"));
    String from = FormBody.first(form, "from");
    String to = FormBody.first(form, "to");
    String agent = agent(form);
    CallEventBuilder b =
        new CallEventBuilder(VENDOR, integration, callId)
            .at(now)
            .caller(callers.of(outbound ? to : from))
            .callee(outbound ? from : to)
            .direction(outbound ? "outbound" : "inbound")
            .agent(agent)
            .field("event", event)
            .field("queue", FormBody.first(form, "queue"));
    switch (event) {
      case "newCall" -> b.kind(CallEventKind.RINGING, "newCall");
      case "answer" -> b.kind(CallEventKind.ANSWERED, "answer");
      case "hangup" -> hangup(b, FormBody.first(form, "cause"), outbound);
      default -> throw TwilioCallbacks.invalid("event must be newCall, answer or hangup.");
    }
    return b.build();
  }

  private static void hangup(CallEventBuilder b, String cause, boolean outbound) {
    String c = cause == null || cause.isBlank() ? "normalClearing" : cause.trim();
    CallEventKind kind =
        switch (c) {
          case "cancel" -> outbound ? CallEventKind.MISSED : CallEventKind.ABANDONED;
          case "noAnswer", "busy" -> CallEventKind.MISSED;
          case "congestion", "notFound" -> CallEventKind.FAILED;
          default -> CallEventKind.COMPLETED;
        };
    b.kind(kind, "hangup:" + c).cause(c).field("cause", c);
  }

  private static String agent(Map<String, List<String>> form) {
    String answering = FormBody.first(form, "answeringNumber");
    if (answering != null && !answering.isBlank()) {
      return answering.trim();
    }
    String user = FormBody.first(form, "user[]");
    return user == null || user.isBlank() ? null : user.trim();
  }
}
