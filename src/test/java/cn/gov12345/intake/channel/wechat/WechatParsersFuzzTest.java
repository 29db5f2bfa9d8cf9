package cn.gov12345.intake.channel.wechat;

import cn.gov12345.intake.support.Hostile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * WeChat message XML, plain and decrypted from the safe-mode envelope: hostile bytes end in a
 * message or a typed refusal, nothing else. Seeds: {@code WechatParsersFuzzTestInputs/<method>/}.
 */
class WechatParsersFuzzTest {

  private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
  private static final String APP_ID = "wxb11529c136998cb6";
  private static final WechatCrypto CRYPTO = new WechatCrypto(KEY, APP_ID);
  private static final Instant NOW = Instant.parse("2026-03-01T02:00:00Z");

  @FuzzTest(maxDuration = "10s")
  void plainXml(byte[] body) {
    Hostile.parse(() -> WechatMessageMapper.toInbound("acct", APP_ID, SafeXml.parse(body), NOW));
  }

  /** The XML sealed as WeChat seals it, then opened and read: the decrypted path end to end. */
  @FuzzTest(maxDuration = "10s")
  void decryptedXml(byte[] body) {
    String xml = new String(body, StandardCharsets.UTF_8);
    String sealed = CRYPTO.encrypt(new byte[16], xml);
    Hostile.parse(
        () ->
            WechatMessageMapper.toInbound(
                "acct", APP_ID, SafeXml.parse(CRYPTO.decrypt(sealed)), NOW));
  }

  /** A forged {@code <Encrypt>} value: base64 text of any length and padding. */
  @FuzzTest(maxDuration = "10s")
  void encryptField(byte[] body) {
    String asText = new String(body, StandardCharsets.ISO_8859_1);
    String asBase64 = Base64.getEncoder().encodeToString(Arrays.copyOf(body, body.length));
    Hostile.parse(() -> SafeXml.parse(CRYPTO.decrypt(asText)));
    Hostile.parse(() -> SafeXml.parse(CRYPTO.decrypt(asBase64)));
  }
}
