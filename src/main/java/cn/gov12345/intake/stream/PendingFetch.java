package cn.gov12345.intake.stream;

import java.util.List;

/**
 * A download the conversation script schedules in the same atomic step as the message (a WeChat
 * media id the channel only referenced): a member added to the partition's sorted set of pending
 * fetches, due at {@code dueMillis}. The member is split around the ticket id and the tracking
 * number, which only the script knows.
 *
 * @param key the sorted set (same hash tag as the partition's streams)
 * @param dueMillis its score
 * @param memberParts three parts: before the ticket id, between it and the tracking number, after
 */
public record PendingFetch(String key, long dueMillis, List<byte[]> memberParts) {

  public PendingFetch {
    if (memberParts.size() != 3) {
      throw new IllegalArgumentException("a pending fetch member has three parts");
    }
    memberParts = List.copyOf(memberParts);
  }
}
