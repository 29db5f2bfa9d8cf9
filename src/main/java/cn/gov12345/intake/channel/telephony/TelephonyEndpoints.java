package cn.gov12345.intake.channel.telephony;

import cn.gov12345.intake.channel.Ack;
import cn.gov12345.intake.channel.Body;
import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.signing.StandardWebhooks;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The telephony channel's endpoints under {@code /channels/telephony}: Twilio's webhooks (answered
 * with TwiML), the documented CTI JSON events (202 when new) and Zammad-style PBX events. Every
 * event is answered after its step was recorded — except Twilio's incoming-call webhook, which
 * always gets its TwiML (a caller must never hear an application error; the call's later callbacks
 * rebuild it).
 */
final class TelephonyEndpoints {

  static final String BASE = "/channels/telephony";
  static final String EMPTY_TWIML = TelephonyChannel.EMPTY_TWIML;
  private static final String TWIML_TYPE = "text/xml; charset=utf-8";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TelephonyEndpoints() {}

  static Endpoint<TelephonyRequest, CallOutcome> twilio(TelephonyChannel channel) {
    return Endpoint.<TelephonyRequest, CallOutcome>of(
            "POST",
            BASE + "/twilio/:name/:hook",
            Body.buffered(channel.maxBodyBytes()),
            head ->
                channel.checkIntegration(
                    TwilioCallbacks.VENDOR, head.pathParam("name"), head.pathParam("hook")),
            r ->
                channel.twilio(
                    r.pathParam("name"),
                    r.pathParam("hook"),
                    r.uri(),
                    r.header(TwilioSignature.HEADER),
                    r.body()),
            (request, outcome) -> twiml(request))
        .fallingBackTo(request -> request.twiml() == null ? null : twiml(request));
  }

  static Endpoint<TelephonyRequest, CallOutcome> cti(TelephonyChannel channel) {
    return Endpoint.of(
        "POST",
        BASE + "/cti/:name",
        Body.buffered(channel.maxBodyBytes()),
        head -> channel.checkIntegration(CtiJsonEvents.VENDOR, head.pathParam("name"), null),
        r ->
            channel.cti(
                r.pathParam("name"),
                r.header(StandardWebhooks.HEADER_ID),
                r.header(StandardWebhooks.HEADER_TIMESTAMP),
                r.header(StandardWebhooks.HEADER_SIGNATURE),
                r.body()),
        (request, outcome) -> json(request, outcome, true));
  }

  static Endpoint<TelephonyRequest, CallOutcome> zammad(TelephonyChannel channel) {
    return Endpoint.of(
        "POST",
        BASE + "/zammad/:name/:token",
        Body.buffered(channel.maxBodyBytes()),
        head -> channel.checkIntegration(ZammadEvents.VENDOR, head.pathParam("name"), null),
        r -> channel.zammad(r.pathParam("name"), r.pathParam("token"), r.body()),
        (request, outcome) -> json(request, outcome, false));
  }

  private static Ack twiml(TelephonyRequest request) {
    return Ack.of(200, TWIML_TYPE, request.twiml() == null ? EMPTY_TWIML : request.twiml());
  }

  private static Ack json(TelephonyRequest request, CallOutcome o, boolean accepted202) {
    ObjectNode body =
        JSON.createObjectNode()
            .put("status", o.duplicate() ? "duplicate" : "accepted")
            .put("callId", request.event().callId());
    putIfSet(body, "state", o.state());
    putIfSet(body, "ticketId", o.ticketId());
    putIfSet(body, "trackingNumber", o.trackingNumber());
    putIfSet(body, "queryCode", o.queryCode());
    return Ack.json(accepted202 && !o.duplicate() ? 202 : 200, body.toString());
  }

  private static void putIfSet(ObjectNode body, String name, String value) {
    if (!value.isEmpty()) {
      body.put(name, value);
    }
  }
}
