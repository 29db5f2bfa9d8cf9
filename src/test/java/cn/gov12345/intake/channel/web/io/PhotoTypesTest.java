package cn.gov12345.intake.channel.web.io;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.support.TestImages;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PhotoTypesTest {

  @Test
  void jpegPngWebpAndHeicArePhotos() {
    assertThat(PhotoTypes.imageType(TestImages.jpeg(1))).hasValue("image/jpeg");
    assertThat(PhotoTypes.imageType(TestImages.png(1))).hasValue("image/png");
    assertThat(PhotoTypes.imageType(ascii("RIFF\0\0\0\0WEBPVP8 "))).hasValue("image/webp");
    assertThat(PhotoTypes.imageType(ascii("\0\0\0\u0018ftypheic\0\0\0\0"))).hasValue("image/heic");
    assertThat(PhotoTypes.imageType(ascii("\0\0\0\u0018ftypmif1\0\0\0\0"))).hasValue("image/heic");
  }

  @Test
  void videosGifsScriptsAndEmptyFilesAreNot() {
    assertThat(PhotoTypes.imageType(ascii("\0\0\0\u0018ftypisom\0\0\0\0"))).isEmpty();
    assertThat(PhotoTypes.imageType(ascii("GIF89a......"))).isEmpty();
    assertThat(PhotoTypes.imageType(ascii("<svg xmlns='http://www.w3.org/2000/svg'/>"))).isEmpty();
    assertThat(PhotoTypes.imageType(ascii("RIFF\0\0\0\0WAVEfmt "))).isEmpty();
    assertThat(PhotoTypes.imageType(new byte[0])).isEmpty();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
