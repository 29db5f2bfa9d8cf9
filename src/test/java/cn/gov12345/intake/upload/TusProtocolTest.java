package cn.gov12345.intake.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.channel.app.TusProtocol;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TusProtocolTest {

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void metadataIsKeyAndBase64PairsAndAValueMayBeAbsent() {
    assertThat(
            TusProtocol.metadata(
                "filename "
                    + b64("照片.jpg")
                    + ",filetype "
                    + b64("image/jpeg")
                    + ",is_confidential"))
        .containsEntry("filename", "照片.jpg")
        .containsEntry("filetype", "image/jpeg")
        .containsEntry("is_confidential", "");
    assertThat(TusProtocol.metadata(null)).isEmpty();
    assertThat(TusProtocol.metadata("")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "filename %%%",
        "a b c",
        "a x,a y",
        " ,x",
        "ke\u00ffy eA==",
        "filename /w==",
      })
  void hostileMetadataIsRefused(String header) {
    assertThatThrownBy(() -> TusProtocol.metadata(header))
        .isInstanceOf(ChannelException.class)
        .hasMessageContaining("Upload-Metadata");
  }

  @Test
  void oversizedMetadataIsRefused() {
    assertThatThrownBy(() -> TusProtocol.metadata("k " + "A".repeat(5000)))
        .hasMessageContaining("longer than");
  }

  @Test
  void checksumsAreSha1OrSha256WithADigestOfTheRightLength() {
    TusProtocol.Checksum c =
        TusProtocol.checksum("sha256 " + Base64.getEncoder().encodeToString(new byte[32]));
    assertThat(c.algorithm()).isEqualTo("sha256");
    assertThat(c.digest().getAlgorithm()).isEqualTo("SHA-256");
    assertThat(
            TusProtocol.checksum("SHA1 " + Base64.getEncoder().encodeToString(new byte[20]))
                .digest()
                .getAlgorithm())
        .isEqualTo("SHA-1");
    assertThat(TusProtocol.checksum(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"md5 AAAA", "sha256", "sha256 !!!", "sha1 AAAA", "sha256 a b"})
  void badChecksumHeadersAreRefused(String header) {
    assertThatThrownBy(() -> TusProtocol.checksum(header)).isInstanceOf(ChannelException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "1.5", "0x10", "99999999999999999999", "ten"})
  void offsetsAndLengthsAreNonNegativeDecimals(String value) {
    assertThatThrownBy(() -> TusProtocol.nonNegative("Upload-Offset", value))
        .isInstanceOf(ChannelException.class);
  }

  /** Found by TusProtocolFuzzTest: control characters are not blank, but trim() removes them. */
  @ParameterizedTest
  @ValueSource(strings = {"\u0000", "\u0001\u001f", " \u0000 "})
  void aValueOfOnlyControlCharactersIsAMissingHeaderNotANumberFormatCrash(String value) {
    assertThatThrownBy(() -> TusProtocol.nonNegative("Upload-Length", value))
        .isInstanceOfSatisfying(
            ChannelException.class,
            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.MISSING_HEADER));
  }

  @Test
  void aMissingHeaderIsNamedAndTheVersionMustBe100() {
    assertThatThrownBy(() -> TusProtocol.nonNegative("Upload-Length", null))
        .hasMessageContaining("Upload-Length");
    assertThat(TusProtocol.nonNegative("Upload-Length", " 42 ")).isEqualTo(42);
    assertThatThrownBy(() -> TusProtocol.requireVersion(null)).isInstanceOf(ChannelException.class);
    TusProtocol.requireVersion("1.0.0");
  }
}
