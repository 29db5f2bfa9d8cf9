package cn.gov12345.intake.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Real image files made on the spot (no binary fixtures in the repository). */
public final class TestImages {

  private TestImages() {}

  /** A small PNG; the seed changes its pixels (and so its hash). */
  public static byte[] png(int seed) {
    return encode("png", seed);
  }

  /** A small JPEG. */
  public static byte[] jpeg(int seed) {
    return encode("jpg", seed);
  }

  private static byte[] encode(String format, int seed) {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 64; i++) {
      image.setRGB(i % 8, i / 8, (seed * 7919 + i * 104729) & 0xFFFFFF);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, format, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
