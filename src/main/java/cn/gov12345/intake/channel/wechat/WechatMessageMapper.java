package cn.gov12345.intake.channel.wechat;

import static cn.gov12345.intake.channel.wechat.WechatFields.CONTENT;
import static cn.gov12345.intake.channel.wechat.WechatFields.CREATE_TIME;
import static cn.gov12345.intake.channel.wechat.WechatFields.ENCRYPT;
import static cn.gov12345.intake.channel.wechat.WechatFields.FROM_USER;
import static cn.gov12345.intake.channel.wechat.WechatFields.MSG_ID;
import static cn.gov12345.intake.channel.wechat.WechatFields.MSG_TYPE;
import static cn.gov12345.intake.channel.wechat.WechatFields.TO_USER;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.model.Attachment;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.Location;
import cn.gov12345.intake.model.MessageKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Maps one decrypted WeChat message to an {@link Inbound}. Messages (text, image, voice, video,
 * shortvideo, location, link) belong to a ticket; events and types the gateway does not know are
 * kept (all their fields in {@code channelData}) but open none.
 */
final class WechatMessageMapper {

  static final int MAX_TEXT = 20000;
  private static final Pattern OPENID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern DIGITS = Pattern.compile("\\d{1,20}");
  private static final Pattern MEDIA_ID = Pattern.compile("[A-Za-z0-9_-]{1,256}");

  private WechatMessageMapper() {}

  static Inbound toInbound(String account, String appId, Map<String, String> f, Instant now) {
    String openid = required(f, FROM_USER, OPENID);
    String createTime = required(f, CREATE_TIME, DIGITS);
    String type = f.getOrDefault(MSG_TYPE, "");
    String msgId = f.get(MSG_ID);
    boolean message = WechatContent.isMessage(type) && msgId != null;
    if (message && !DIGITS.matcher(msgId).matches()) {
      throw new ChannelException(ErrorCode.MALFORMED_XML, "MsgId must be digits.");
    }
    String dedupKey = message ? msgId : eventKey(appId, openid, createTime, f);
    WechatContent content = WechatContent.of(type, f, message);
    return new Inbound(
        WechatChannel.NAME,
        account,
        message ? content.kind() : MessageKind.EVENT,
        dedupKey,
        dedupKey,
        now,
        new CitizenRef(CitizenRef.IdScheme.WECHAT_OPENID, appId + ":" + openid, null, null),
        null,
        cut(content.text()),
        content.location(),
        attachments(appId, content.mediaId()),
        message,
        channelData(f));
  }

  /**
   * An event's identity: FromUserName + CreateTime (+ the event name, since WeChat sends a LOCATION
   * event in the same second as subscribe). The openid is hashed so no raw identifier becomes part
   * of a Redis key.
   */
  private static String eventKey(
      String appId, String openid, String createTime, Map<String, String> f) {
    String event = f.getOrDefault("Event", f.getOrDefault(MSG_TYPE, "-"));
    String safeEvent = event.replaceAll("[^A-Za-z0-9_-]", "_");
    return "e:" + createTime + ":" + cut(safeEvent, 32) + ":" + hash(appId + ":" + openid);
  }

  private static String hash(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static List<Attachment> attachments(String appId, String mediaId) {
    if (mediaId == null || !MEDIA_ID.matcher(mediaId).matches()) {
      return List.of();
    }
    return List.of(new Attachment(pendingUri(appId, mediaId), null, null, null, null));
  }

  /** The reference of a media file not fetched yet: {@code wechat-media://{appId}/{MediaId}}. */
  static String pendingUri(String appId, String mediaId) {
    return "wechat-media://" + appId + "/" + mediaId;
  }

  /** Every vendor field but the identities and the (already mapped, encrypted) text. */
  private static Map<String, String> channelData(Map<String, String> f) {
    Map<String, String> data = new TreeMap<>();
    f.forEach(
        (name, value) -> {
          if (!name.equals(FROM_USER)
              && !name.equals(TO_USER)
              && !name.equals(ENCRYPT)
              && !name.equals(CONTENT)
              && !value.isEmpty()
              && data.size() < 64) {
            data.put(cut(name, 64), cut(value));
          }
        });
    return data;
  }

  private static String required(Map<String, String> f, String name, Pattern shape) {
    String value = f.get(name);
    if (value == null || !shape.matcher(value).matches()) {
      throw new ChannelException(
          ErrorCode.MALFORMED_XML, "The message needs a well-formed " + name + ".");
    }
    return value;
  }

  private static String cut(String text) {
    return cut(text, MAX_TEXT);
  }

  private static String cut(String text, int max) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    return text.length() <= max ? text : text.substring(0, max);
  }

  /** A location from coordinates as sent (GCJ-02) and a label; null when there is neither. */
  static Location location(String x, String y, String label) {
    Double lat = number(x, 90);
    Double lon = number(y, 180);
    boolean coordinates = lat != null && lon != null;
    String address = label == null || label.isBlank() ? null : cut(label.strip(), 500);
    if (!coordinates && address == null) {
      return null;
    }
    return new Location(address, coordinates ? lat : null, coordinates ? lon : null, null);
  }

  private static Double number(String text, double limit) {
    if (text == null) {
      return null;
    }
    try {
      double v = Double.parseDouble(text.strip());
      return Double.isFinite(v) && Math.abs(v) <= limit ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
