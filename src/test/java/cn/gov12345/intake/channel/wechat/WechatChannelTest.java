package cn.gov12345.intake.channel.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.model.MessageKind;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure WeChat channel: verification, the three modes, refusals, mapping, replies. */
class WechatChannelTest {

  private static final long NOW = 1768444200L;
  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  private static final String OPENID = "oUser0123456789abcdefghijklm";

  private final WechatChannel channel = WechatFixtures.channel(CLOCK);
  private final WechatSigner signer = WechatSigner.test();

  @Test
  void urlVerificationEchoesEchostrOnlyForTheRightSignature() {
    String sig = WechatCrypto.signature(WechatSigner.TOKEN, "" + NOW, "n1");
    assertThat(channel.verifyUrl("city", new WechatQuery(sig, "" + NOW, "n1", "e42", null, null)))
        .isEqualTo("e42");
    assertRefused(
        () ->
            channel.verifyUrl(
                "city", new WechatQuery("0" + sig.substring(1), "" + NOW, "n1", "e", null, null)),
        "invalid_signature");
    assertRefused(
        () -> channel.verifyUrl("nobody", new WechatQuery(sig, "" + NOW, "n1", "e", null, null)),
        "unknown_account");
  }

  @Test
  void theOfficialSamplePushIsAcceptedWithItsOwnTokenAndAppId() {
    WechatChannel official =
        new WechatChannel(
            new cn.gov12345.intake.config.WechatChannelConfig(
                65536,
                java.time.Duration.ofMinutes(5),
                java.time.Duration.ofMinutes(10),
                Map.of(
                    "sample",
                    new cn.gov12345.intake.config.WechatAccountConfig(
                        cn.gov12345.intake.config.Secret.of("spamtest"),
                        "wx2c2769f8efd9abc2",
                        cn.gov12345.intake.config.Secret.of(WechatSigner.AES_KEY),
                        cn.gov12345.intake.config.Secret.of("s"),
                        "safe",
                        null,
                        "")),
                null,
                null),
            Clock.fixed(Instant.ofEpochSecond(1409735669L), ZoneOffset.UTC));
    String sig = WechatCrypto.signature("spamtest", "1409735669", "1320562132");
    WechatQuery query =
        new WechatQuery(
            sig, "1409735669", "1320562132", null, "aes", WechatCryptoTest.SAMPLE_MSG_SIGNATURE);
    byte[] body =
        WechatSigner.envelope("gh_10f6c3c3ac5a", WechatCryptoTest.SAMPLE_ENCRYPT)
            .getBytes(StandardCharsets.UTF_8);

    Inbound in = official.accept("sample", query, body).inbound();

    assertThat(in.kind()).isEqualTo(MessageKind.TEXT);
    assertThat(in.text()).isEqualTo("abcdteT");
    assertThat(in.dedupKey()).isEqualTo("6054768590064713728");
    assertThat(in.citizen())
        .isEqualTo(
            new CitizenRef(
                CitizenRef.IdScheme.WECHAT_OPENID,
                "wx2c2769f8efd9abc2:oyORnuP8q7ou2gfYjqLzSIWZf0rs",
                null,
                null));
  }

  @Test
  void aSafeModeReplyIsEncryptedSignedAndCarriesTheTrackingNumber() {
    String xml = WechatSigner.text(OPENID, NOW, 1001, "路灯坏了");
    WechatRequest request = safe("replying", xml);

    WechatAnswer answer = channel.answer(request, "m1", "260115000000019", "12345678");

    String encrypt = between(answer.body(), "<Encrypt><![CDATA[", "]]>");
    String msgSignature = between(answer.body(), "<MsgSignature><![CDATA[", "]]>");
    assertThat(msgSignature)
        .isEqualTo(WechatCrypto.signature(WechatSigner.TOKEN, "" + NOW, "n1", encrypt));
    assertThat(signer.decrypt(encrypt))
        .contains("<ToUserName><![CDATA[" + OPENID + "]]></ToUserName>")
        .contains("受理编号 260115000000019");
    assertThat(channel.answer(request, "m1", null, null).body()).isEqualTo("success");
  }

  @Test
  void everyMessageTypeMapsToItsKind() {
    assertThat(kind(WechatSigner.text(OPENID, NOW, 1, "停水"))).isEqualTo(MessageKind.TEXT);
    assertThat(
            kind(
                WechatSigner.message(
                    OPENID,
                    NOW,
                    "image",
                    "<PicUrl>http://p/1.jpg</PicUrl><MediaId>m_1</MediaId><MsgId>2</MsgId>")))
        .isEqualTo(MessageKind.MEDIA);
    assertThat(
            kind(
                WechatSigner.message(
                    OPENID,
                    NOW,
                    "location",
                    "<Location_X>39.9</Location_X><Location_Y>116.4</Location_Y><Scale>15</Scale><Label>朝阳区</Label><MsgId>3</MsgId>")))
        .isEqualTo(MessageKind.LOCATION);
    assertThat(kind(WechatSigner.message(OPENID, NOW, "event", "<Event>subscribe</Event>")))
        .isEqualTo(MessageKind.EVENT);
    assertThat(kind(WechatSigner.message(OPENID, NOW, "miniprogrampage", "<MsgId>4</MsgId>")))
        .isEqualTo(MessageKind.EVENT);
  }

  @Test
  void hostileOrForgedPushesAreRefused() {
    String xml = WechatSigner.text(OPENID, NOW, 1, "停水");
    String encrypt = signer.encrypt(xml);
    String good = signer.safeQuery(NOW, "n1", encrypt);
    String tampered =
        encrypt.substring(0, 10) + (encrypt.charAt(10) == 'A' ? 'B' : 'A') + encrypt.substring(11);
    assertRefused(
        () -> post("city", good, WechatSigner.envelope("gh", tampered)), "invalid_signature");
    String otherApp =
        new WechatSigner(WechatSigner.TOKEN, WechatSigner.AES_KEY, "wx0000000000000000")
            .encrypt(xml);
    assertRefused(
        () ->
            post(
                "city",
                signer.safeQuery(NOW, "n1", otherApp),
                WechatSigner.envelope("gh", otherApp)),
        "app_id_mismatch");
    assertRefused(() -> post("city", signer.plainQuery(NOW, "n1"), xml), "encryption_required");
    assertRefused(() -> post("plain", signer.plainQuery(NOW - 3600, "n1"), xml), "stale_timestamp");
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<xml><FromUserName>&x;</FromUserName></xml>";
    assertRefused(() -> post("plain", signer.plainQuery(NOW, "n1"), xxe), "xml_doctype_refused");
    String laughs =
        "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\">"
            + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
            + "<xml><Content>&c;</Content></xml>";
    assertRefused(() -> post("plain", signer.plainQuery(NOW, "n1"), laughs), "xml_doctype_refused");
    assertRefused(() -> post("plain", signer.plainQuery(NOW, "n1"), "<xml><a>"), "malformed_xml");
  }

  @Test
  void compatibleModeReadsTheEncryptedCopyAndPlaintextModeTheBody() {
    String xml = WechatSigner.text(OPENID, NOW, 7, "停水");
    String encrypt = signer.encrypt(xml);
    String both = xml.replace("</xml>", "<Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>");
    assertThat(post("compat", signer.safeQuery(NOW, "n1", encrypt), both).inbound().text())
        .isEqualTo("停水");
    assertThat(post("plain", signer.plainQuery(NOW, "n1"), xml).inbound().dedupKey())
        .isEqualTo("7");
  }

  @Test
  void compatibleModeRefusesAForgedPlaintextBodyUnderACapturedQuery() {
    // a captured query string (signature, timestamp, nonce) stays valid for the tolerance; in
    // plaintext the signature does not cover the body, so only the signed Encrypt may be read
    String forged = WechatSigner.text(OPENID, NOW, 8, "伪造的诉求");
    assertRefused(() -> post("compat", signer.plainQuery(NOW, "n1"), forged), "invalid_signature");
    String encrypt = signer.encrypt(WechatSigner.text(OPENID, NOW, 9, "真的"));
    String noEncrypt = signer.safeQuery(NOW, "n1", encrypt);
    assertRefused(() -> post("compat", noEncrypt, forged), "invalid_signature");
    String otherEncrypt =
        forged.replace(
            "</xml>", "<Encrypt><![CDATA[" + signer.encrypt(forged) + "]]></Encrypt></xml>");
    assertRefused(() -> post("compat", noEncrypt, otherEncrypt), "invalid_signature");
  }

  private MessageKind kind(String xml) {
    return post("plain", signer.plainQuery(NOW, "n1"), xml).inbound().kind();
  }

  private WechatRequest safe(String account, String xml) {
    String encrypt = signer.encrypt(xml);
    return post(
        account, signer.safeQuery(NOW, "n1", encrypt), WechatSigner.envelope("gh", encrypt));
  }

  private WechatRequest post(String account, String queryString, String body) {
    return channel.accept(
        account, WechatSigner.parse(queryString), body.getBytes(StandardCharsets.UTF_8));
  }

  private static String between(String text, String start, String end) {
    int from = text.indexOf(start) + start.length();
    return text.substring(from, text.indexOf(end, from));
  }

  private static void assertRefused(Runnable call, String code) {
    assertThatThrownBy(call::run)
        .as(code)
        .isInstanceOfSatisfying(
            ChannelException.class, e -> assertThat(e.errorCode().code()).isEqualTo(code));
  }
}
