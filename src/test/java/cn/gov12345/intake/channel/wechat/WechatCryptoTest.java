package cn.gov12345.intake.channel.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** WeChat's public test vectors of its message encryption sample code ("消息加解密"). */
class WechatCryptoTest {

  private static final String KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";

  /** WXBizMsgCryptTest: token pamtest, appId wxb11529c136998cb6, random "aaaabbbbccccdddd". */
  private static final String PAMTEST_CIPHERTEXT =
      "jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==";

  /** The official sample's push: token spamtest, appId wx2c2769f8efd9abc2. */
  static final String SAMPLE_ENCRYPT =
      "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=";

  static final String SAMPLE_MSG_SIGNATURE = "5d197aaffba7e9b25a30732f161a50dee96bd5fa";

  @Test
  void encryptingWithTheSampleRandomBytesGivesTheOfficialCiphertext() {
    WechatCrypto crypto = new WechatCrypto(KEY, "wxb11529c136998cb6");

    String encrypted =
        crypto.encrypt("aaaabbbbccccdddd".getBytes(StandardCharsets.US_ASCII), "我是中文abcd123");

    assertThat(encrypted).isEqualTo(PAMTEST_CIPHERTEXT);
  }

  @Test
  void theOfficialCiphertextDecryptsToTheSampleText() {
    WechatCrypto crypto = new WechatCrypto(KEY, "wxb11529c136998cb6");

    assertThat(new String(crypto.decrypt(PAMTEST_CIPHERTEXT), StandardCharsets.UTF_8))
        .isEqualTo("我是中文abcd123");
  }

  @Test
  void theOfficialSamplePushHasTheOfficialMsgSignatureAndDecryptsToATextMessage() {
    assertThat(WechatCrypto.signature("spamtest", "1409735669", "1320562132", SAMPLE_ENCRYPT))
        .isEqualTo(SAMPLE_MSG_SIGNATURE);

    String xml =
        new String(
            new WechatCrypto(KEY, "wx2c2769f8efd9abc2").decrypt(SAMPLE_ENCRYPT),
            StandardCharsets.UTF_8);

    assertThat(xml)
        .contains("<Content><![CDATA[abcdteT]]></Content>")
        .contains("<MsgId>6054768590064713728</MsgId>");
  }

  @Test
  void aCiphertextMadeForAnotherAppIdIsRefused() {
    WechatCrypto other = new WechatCrypto(KEY, "wx0000000000000000");

    assertThatThrownBy(() -> other.decrypt(PAMTEST_CIPHERTEXT))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.APP_ID_MISMATCH));
  }

  @Test
  void garbageIsNotACiphertext() {
    WechatCrypto crypto = new WechatCrypto(KEY, "wxb11529c136998cb6");

    for (String garbage :
        new String[] {"", "not base64!", "AAAA", PAMTEST_CIPHERTEXT.substring(4)}) {
      assertThatThrownBy(() -> crypto.decrypt(garbage))
          .as(garbage)
          .isInstanceOfSatisfying(
              ChannelException.class,
              e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DECRYPTION_FAILED));
    }
  }

  @Test
  void everyValid43CharacterKeyDecodesEvenWithNonZeroSpareBits() {
    // 'G' leaves the 2 spare bits of the last character at 10: a strict decoder refuses it
    assertThat(WechatCrypto.decodeKey(KEY)).hasSize(32);
    String zeroed = KEY.substring(0, 42) + "E";
    assertThat(WechatCrypto.decodeKey(KEY))
        .isEqualTo(Base64.getDecoder().decode(zeroed + "="))
        .isEqualTo(WechatCrypto.decodeKey(zeroed));
  }

  @Test
  void anEncryptedReplyRoundTrips() {
    WechatCrypto crypto = new WechatCrypto(KEY, "wxb11529c136998cb6");
    String xml = "<xml><Content><![CDATA[受理编号 260115000000019]]></Content></xml>";

    String encrypted = crypto.encrypt(crypto.derivedRandom("m1"), xml);

    assertThat(new String(crypto.decrypt(encrypted), StandardCharsets.UTF_8)).isEqualTo(xml);
    assertThat(crypto.encrypt(crypto.derivedRandom("m1"), xml)).isEqualTo(encrypted);
  }
}
