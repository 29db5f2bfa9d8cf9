package cn.gov12345.intake.signals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Where a ticket is, as index cells: a grid of cells at least {@code radius} wide (so every place
 * within the radius is in the 3 × 3 cells around), and the hash of the normalized address (NFKC,
 * lower case, without white space and punctuation; only the hash is kept).
 */
final class Places {

  private static final double METERS_PER_DEGREE = 111_320.0;
  // cos(55°): longitude degrees are never shorter than this anywhere in China
  private static final double MIN_COS = 0.5736;

  private final double latCell;
  private final double lonCell;

  Places(int radiusMeters) {
    this.latCell = radiusMeters / METERS_PER_DEGREE;
    this.lonCell = radiusMeters / (METERS_PER_DEGREE * MIN_COS);
  }

  /** The cell a point is indexed under. */
  String cell(double lat, double lon) {
    return "g" + (long) Math.floor(lat / latCell) + "_" + (long) Math.floor(lon / lonCell);
  }

  /** The 9 cells to search around a point. */
  List<String> around(double lat, double lon) {
    long y = (long) Math.floor(lat / latCell);
    long x = (long) Math.floor(lon / lonCell);
    List<String> out = new ArrayList<>(9);
    for (long dy = -1; dy <= 1; dy++) {
      for (long dx = -1; dx <= 1; dx++) {
        out.add("g" + (y + dy) + "_" + (x + dx));
      }
    }
    return out;
  }

  /** The hash of a normalized address, or null when nothing is left of it. */
  static String addressHash(String address) {
    if (address == null) {
      return null;
    }
    String n =
        Normalizer.normalize(address, Normalizer.Form.NFKC)
            .toLowerCase(Locale.ROOT)
            .replaceAll("[\\p{Z}\\s\\p{P}\\p{S}]", "");
    if (n.isEmpty()) {
      return null;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(n.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
