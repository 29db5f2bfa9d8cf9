package cn.gov12345.intake.channel.wechat;

import static cn.gov12345.intake.channel.wechat.WechatFields.CONTENT;
import static cn.gov12345.intake.channel.wechat.WechatFields.DESCRIPTION;
import static cn.gov12345.intake.channel.wechat.WechatFields.LABEL;
import static cn.gov12345.intake.channel.wechat.WechatFields.LATITUDE;
import static cn.gov12345.intake.channel.wechat.WechatFields.LOCATION_X;
import static cn.gov12345.intake.channel.wechat.WechatFields.LOCATION_Y;
import static cn.gov12345.intake.channel.wechat.WechatFields.LONGITUDE;
import static cn.gov12345.intake.channel.wechat.WechatFields.MEDIA_ID;
import static cn.gov12345.intake.channel.wechat.WechatFields.RECOGNITION;
import static cn.gov12345.intake.channel.wechat.WechatFields.TITLE;
import static cn.gov12345.intake.channel.wechat.WechatFields.URL;

import cn.gov12345.intake.model.Location;
import cn.gov12345.intake.model.MessageKind;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What one WeChat message type contributes: kind, text, location, media id.
 *
 * @param kind the normalized kind
 * @param text the text (Content, voice Recognition, link title/description/url), or null
 * @param location location messages and LOCATION events, or null
 * @param mediaId image, voice, video and shortvideo media, or null
 */
record WechatContent(MessageKind kind, String text, Location location, String mediaId) {

  private static final Set<String> MESSAGES =
      Set.of(
          WechatFields.TEXT,
          WechatFields.IMAGE,
          WechatFields.VOICE,
          WechatFields.VIDEO,
          WechatFields.SHORT_VIDEO,
          WechatFields.LOCATION,
          WechatFields.LINK);

  /** True for the message types that belong to a ticket. */
  static boolean isMessage(String msgType) {
    return MESSAGES.contains(msgType);
  }

  static WechatContent of(String type, Map<String, String> f, boolean message) {
    if (!message) {
      Location where = WechatMessageMapper.location(f.get(LATITUDE), f.get(LONGITUDE), null);
      return new WechatContent(MessageKind.EVENT, null, where, null);
    }
    return switch (type) {
      case WechatFields.TEXT ->
          new WechatContent(MessageKind.TEXT, strip(f.get(CONTENT)), null, null);
      case WechatFields.IMAGE, WechatFields.VIDEO, WechatFields.SHORT_VIDEO ->
          new WechatContent(MessageKind.MEDIA, null, null, f.get(MEDIA_ID));
      case WechatFields.VOICE ->
          new WechatContent(MessageKind.MEDIA, strip(f.get(RECOGNITION)), null, f.get(MEDIA_ID));
      case WechatFields.LOCATION ->
          new WechatContent(
              MessageKind.LOCATION,
              null,
              WechatMessageMapper.location(f.get(LOCATION_X), f.get(LOCATION_Y), f.get(LABEL)),
              null);
      default -> new WechatContent(MessageKind.TEXT, link(f), null, null);
    };
  }

  private static String link(Map<String, String> f) {
    String joined =
        Stream.of(f.get(TITLE), f.get(DESCRIPTION), f.get(URL))
            .filter(Objects::nonNull)
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.joining("\n"));
    return joined.isEmpty() ? null : joined;
  }

  private static String strip(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
