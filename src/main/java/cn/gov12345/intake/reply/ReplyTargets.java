package cn.gov12345.intake.reply;

import cn.gov12345.intake.identity.ContactSealer;
import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.identity.ReplyRoutes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who a reply goes to and what each sender gets: the channel and account of the ticket's status
 * record, the address opened from its sealed route (in memory only, for this attempt), the chain of
 * the channel, and the message rendered for one sender (template values, 查询码, length limit).
 */
final class ReplyTargets {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, List<String>> chains;
  private final Set<String> available;
  private final ContactSealer sealer;
  private final QueryCodes queryCodes;
  private final ReplyTexts texts;
  private final ReplyHook hook;

  ReplyTargets(
      Map<String, List<String>> chains,
      Set<String> available,
      ContactSealer sealer,
      QueryCodes queryCodes,
      ReplyTexts texts,
      ReplyHook hook) {
    this.chains = chains;
    this.available = available;
    this.sealer = sealer;
    this.queryCodes = queryCodes;
    this.texts = texts;
    this.hook = hook;
  }

  /** The citizen and the chain of one reply. */
  record Target(
      String channel, String account, ReplyAddress address, Instant lastAt, List<String> chain) {}

  /**
   * @param recordJson the ticket's status record
   * @param routeJson its reply route, or null (no route: only the callback task reaches)
   */
  Target target(ReplyRequest r, String recordJson, String routeJson) {
    JsonNode record = read(recordJson);
    String channel = record.path("channel").asText(r.channel());
    ReplyAddress address = ReplyAddress.NONE;
    Instant lastAt = null;
    if (routeJson != null) {
      JsonNode route = read(routeJson);
      Map<String, Object> open = sealer.open(route.path("seal").asText());
      address =
          new ReplyAddress(
              (String) open.get(ReplyRoutes.OPENID),
              (String) open.get(ReplyRoutes.PHONE),
              (String) open.get(ReplyRoutes.APP_USER));
      lastAt = route.has("at") ? Instant.ofEpochMilli(route.path("at").asLong()) : null;
    }
    List<String> chain =
        chains.getOrDefault(channel, List.of(CallbackTaskSender.KIND)).stream()
            .filter(available::contains)
            .toList();
    return new Target(channel, record.path("account").asText(""), address, lastAt, chain);
  }

  /** The message as sender {@code kind} gets it. */
  OutboundMessage message(ReplyRequest r, Target t, String kind) {
    Map<String, String> values = new HashMap<>(hook.values(r));
    values.putAll(r.params());
    values.put("trackingNumber", r.trackingNumber());
    values.put("queryCode", queryCodes.codeFor(r.trackingNumber(), r.ticketId()));
    if (r.text() != null) {
      values.put("text", r.text());
    }
    String text = r.template() != null ? texts.render(r.template(), values) : r.text();
    return new OutboundMessage(
        r.replyId(),
        r.ticketId(),
        r.trackingNumber(),
        t.channel(),
        t.account(),
        t.address(),
        t.lastAt(),
        r.kind(),
        texts.fit(kind, text == null ? "" : text),
        values,
        r.urgent());
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("unreadable status record or reply route", e);
    }
  }
}
