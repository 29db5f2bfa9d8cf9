package cn.gov12345.intake.signals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Who a ticket is from, as the signals see it, and which verified keys it presents. Only keys a
 * channel verified link citizens: a caller's number (telephony: the carrier's caller id), the
 * sender of an SMS (the carrier's too), and the optional {@code citizen.verifiedKeys} a channel
 * adds when it verified them (an app's verified phone claim, an SMS sender, a WeChat UnionID), each
 * accepted only from the channel that can verify it. A phone number typed into a form is the form's
 * own citizen ({@code claimed-phone:web:…}) and presents no key.
 */
final class Citizens {

  /** Evidence kind → the channel that can verify it and the key namespace it links in. */
  private static final Map<String, String[]> EVIDENCE =
      Map.of(
          "app_phone_claim", new String[] {"app", "phone"},
          "sms_sender", new String[] {"sms", "phone"},
          "wechat_unionid", new String[] {"wechat", "unionid"});

  private static final String PSEUDONYM = "[A-Za-z0-9_-]{43}";

  /**
   * Channels whose phone citizen is the number the carrier delivered: a caller's id, the sender of
   * an SMS (上行短信). Their phone pseudonyms are one citizen (the same HMAC of the same E.164).
   */
  private static final Map<String, String> CARRIER_VERIFIED =
      Map.of("telephony", "caller_id", "sms", "sms_sender");

  private Citizens() {}

  /** The citizen key of a ticket's {@code data}. */
  static String principal(JsonObject data) {
    JsonObject citizen = data.getJsonObject("citizen", new JsonObject());
    String scheme = citizen.getString("scheme", "anonymous");
    String pseudonym = citizen.getString("pseudonym", "");
    String channel = data.getString("channel", "");
    if ("phone".equals(scheme) && !CARRIER_VERIFIED.containsKey(channel)) {
      return "claimed-phone:" + channel + ":" + pseudonym;
    }
    return scheme + ":" + pseudonym;
  }

  /** The verified keys the ticket presents, as {@code {kind, key}} objects. */
  static JsonArray verifiedKeys(JsonObject data) {
    JsonObject citizen = data.getJsonObject("citizen", new JsonObject());
    String channel = data.getString("channel", "");
    List<JsonObject> keys = new ArrayList<>();
    if ("phone".equals(citizen.getString("scheme")) && CARRIER_VERIFIED.containsKey(channel)) {
      keys.add(key(CARRIER_VERIFIED.get(channel), "phone:" + citizen.getString("pseudonym")));
    }
    JsonArray claimed = citizen.getJsonArray("verifiedKeys", new JsonArray());
    for (int i = 0; i < claimed.size(); i++) {
      JsonObject k = claimed.getJsonObject(i);
      String[] rule = EVIDENCE.get(k.getString("kind", ""));
      String value = k.getString("key", "");
      if (rule != null && rule[0].equals(channel) && value.matches(PSEUDONYM)) {
        keys.add(key(k.getString("kind"), rule[1] + ":" + value));
      }
    }
    return new JsonArray(new ArrayList<>(keys));
  }

  private static JsonObject key(String kind, String key) {
    return new JsonObject().put("kind", kind).put("key", key);
  }
}
