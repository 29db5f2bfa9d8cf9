package cn.gov12345.intake.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaSnifferTest {

  /** Builds a head from hex bytes at offset 0 and ASCII text at an offset. */
  static byte[] head(String hex, int asciiAt, String ascii) {
    byte[] out = new byte[64];
    for (int i = 0; i < hex.length(); i += 2) {
      out[i / 2] = (byte) Integer.parseInt(hex.substring(i, i + 2), 16);
    }
    byte[] text = ascii.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(text, 0, out, asciiAt, text.length);
    return out;
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ffd8ffe0 | 4  | JFIF     | image/jpeg",
        "89504e470d0a1a0a | 8 | IHDR | image/png",
        "-        | 0  | GIF89a   | image/gif",
        "-        | 0  | GIF87a   | image/gif",
        "-        | 0  | #!AMR    | audio/amr",
        "-        | 0  | ID3      | audio/mpeg",
        "fffb     | 2  | x        | audio/mpeg",
        "-        | 4  | ftypisom | video/quicktime",
        "-        | 4  | ftypmp42 | video/mp4",
        "-        | 4  | ftypheic | image/heic",
        "-        | 4  | ftyp3gp4 | video/3gpp",
        "-        | 4  | ftypqt   | video/quicktime",
        "4d5a9000 | 4  | -        | application/x-msdownload",
        "00000018667479704d344120 | 0 | - | audio/mp4",
        "-        | 0  | OggS     | application/ogg",
        "-        | 0  | -        | application/octet-stream",
        "-        | 0  | <html>   | text/html",
      })
  void theTypeComesFromTheMagicBytes(String hex, int at, String ascii, String type) {
    byte[] head = head(hex.equals("-") ? "" : hex, at, ascii.equals("-") ? "" : ascii);
    assertThat(MediaSniffer.sniff(head)).isEqualTo(type);
  }

  @org.junit.jupiter.api.Test
  void webpNeedsRiffAndWebpSpeexInOggIsSpeexAndShortHeadsAreUnknown() {
    byte[] webp = head("", 0, "RIFF");
    System.arraycopy("WEBP".getBytes(StandardCharsets.US_ASCII), 0, webp, 8, 4);
    assertThat(MediaSniffer.sniff(webp)).isEqualTo("image/webp");
    assertThat(MediaSniffer.sniff(head("", 8, "WEBP"))).isEqualTo(MediaSniffer.UNKNOWN);
    byte[] speex = head("", 0, "OggS");
    System.arraycopy("Speex   ".getBytes(StandardCharsets.US_ASCII), 0, speex, 28, 8);
    assertThat(MediaSniffer.sniff(speex)).isEqualTo("audio/speex");
    assertThat(MediaSniffer.sniff(Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8}, 2)))
        .isEqualTo(MediaSniffer.UNKNOWN);
  }
}
