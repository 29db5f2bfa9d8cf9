package cn.gov12345.intake.media;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.error.ChannelException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaPolicyTest {

  private final MediaPolicy policy = new MediaPolicy(20L * 1024 * 1024, 1024L * 1024 * 1024);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "image/jpeg      | 1000       | image/jpeg  | IMG_1.JPG",
        "image/png       | 1000       | -           | -",
        "image/heic      | 1000       | image/heic  | IMG_2.HEIC",
        "image/heif      | 1000       | image/heic  | photo.heic",
        "image/webp      | 1000       | -           | a.webp",
        "video/mp4       | 1000       | video/mp4   | clip.mp4",
        "video/quicktime | 1000       | video/mp4   | clip.mp4",
        "video/quicktime | 1000       | -           | clip.mov",
        "video/3gpp      | 1000       | video/3gpp  | clip.3gp",
        "image/jpeg      | 20971520   | application/octet-stream | noext",
        "video/mp4       | 1073741824 | -           | clip.m4v",
        "image/png       | 10         | image/png   | notes.txt",
      })
  void allowedFilesWithinTheirLimitPass(String type, long size, String declared, String name) {
    assertThatCode(() -> policy.check(type, size, declared, name)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "image/png                | 1000       | video/mp4  | clip.mp4  | media_type_mismatch",
        "image/png                | 1000       | -          | clip.mp4  | media_type_mismatch",
        "image/png                | 1000       | video/mp4  | -         | media_type_mismatch",
        "image/jpeg               | 1000       | text/plain | a.jpg     | media_type_mismatch",
        "application/x-msdownload | 1000       | image/jpeg | photo.jpg | media_type_not_allowed",
        "application/x-elf        | 1000       | -          | -         | media_type_not_allowed",
        "application/octet-stream | 1000       | image/jpeg | photo.jpg | media_type_not_allowed",
        "image/gif                | 1000       | image/gif  | a.gif     | media_type_not_allowed",
        "image/jpeg               | 20971521   | image/jpeg | a.jpg     | media_too_large",
        "video/mp4                | 1073741825 | video/mp4  | a.mp4     | media_too_large",
      })
  void refusedFilesSayWhy(String type, long size, String declared, String name, String code) {
    assertThatThrownBy(() -> policy.check(type, size, declared, name))
        .isInstanceOf(ChannelException.class)
        .satisfies(
            e ->
                org.assertj.core.api.Assertions.assertThat(
                        ((ChannelException) e).errorCode().code())
                    .isEqualTo(code))
        .hasMessageContaining(type.equals("application/octet-stream") ? "unknown" : "");
  }
}
