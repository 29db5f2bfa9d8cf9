package cn.gov12345.intake.pull;

import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.error.PullException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A position in every partition's ticket stream at once: the last stream entry id a consumer has
 * seen per partition. On the wire it is opaque (Base64url of {@code v1:id0,id1,…}); a consumer
 * stores it and hands it back, and resumes exactly where it was across all partitions. Immutable.
 */
public final class Cursor {

  private static final String VERSION = "v1:";
  private static final String ORIGIN = "0-0";
  private static final Pattern ENTRY_ID = Pattern.compile("\\d{1,19}-\\d{1,19}");
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private final String[] ids;

  private Cursor(String[] ids) {
    this.ids = ids;
  }

  /** Before the first entry of every partition. */
  public static Cursor origin(int partitions) {
    String[] ids = new String[partitions];
    Arrays.fill(ids, ORIGIN);
    return new Cursor(ids);
  }

  /** At the given last-seen entry ids, one per partition. */
  public static Cursor of(List<String> ids) {
    return new Cursor(ids.toArray(String[]::new));
  }

  /**
   * Reads a cursor this gateway issued.
   *
   * @throws PullException {@code invalid_cursor} when it is not one, or was issued for another
   *     number of partitions
   */
  public static Cursor parse(String text, int partitions) {
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (!decoded.startsWith(VERSION)) {
      throw invalid();
    }
    String[] ids = decoded.substring(VERSION.length()).split(",", -1);
    if (ids.length != partitions) {
      throw invalid();
    }
    for (String id : ids) {
      if (!ENTRY_ID.matcher(id).matches() || StreamIds.parse(id) == null) {
        throw invalid();
      }
    }
    return new Cursor(ids);
  }

  private static PullException invalid() {
    return new PullException(
        ErrorCode.INVALID_CURSOR,
        "The cursor was not issued by this gateway (or the number of partitions changed).");
  }

  /** The last-seen entry id of a partition. */
  public String lastId(int partition) {
    return ids[partition];
  }

  public int partitions() {
    return ids.length;
  }

  /** This cursor with one partition moved to an entry id. */
  public Cursor with(int partition, String entryId) {
    String[] next = ids.clone();
    next[partition] = entryId;
    return new Cursor(next);
  }

  /** The opaque wire form. */
  public String encode() {
    return ENCODER.encodeToString(
        (VERSION + String.join(",", ids)).getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cursor c && Arrays.equals(c.ids, ids);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ids);
  }

  @Override
  public String toString() {
    return String.join(",", ids);
  }
}
