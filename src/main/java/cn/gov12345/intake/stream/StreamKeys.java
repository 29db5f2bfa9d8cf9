package cn.gov12345.intake.stream;

/**
 * Redis key names. Every key of one partition carries the hash tag {@code {pN}}, so one accept
 * script touches one Redis Cluster slot.
 *
 * <pre>
 *   {prefix}:{pN}:messages              every accepted message (CloudEvents)
 *   {prefix}:{pN}:tickets               ticket lifecycle events (CloudEvents)
 *   {prefix}:{pN}:dedup:{channel}:{account}:{key}   original ids, TTL = stream.dedupTtl
 *   {prefix}:{pN}:seq:{yyMMdd}          tracking number sequence of one day
 *   {prefix}:{pN}:seq:fence             the Redis run_id whose possible losses the sequences skipped
 *   {prefix}:{pN}:delivery:{dest}:retry   entry ids of one destination scheduled for retry (zset)
 *   {prefix}:{pN}:delivery:{dest}:retrydata   their events and attempt records (hash)
 *   {prefix}:{pN}:delivery:{dest}:dlq     one destination's dead letters (stream)
 *   {prefix}:delivery:disabled          destinations disabled by a 410 or the admin API (hash)
 *   {prefix}:{pN}:conv:{channel}:{account}:{pseudonym}   open conversation ticket, TTL = window
 *   {prefix}:{pN}:conv:{channel}:{account}:{pseudonym}:tickets   the citizen's tickets on that
 *                                       account (SMS: tracking number → ticket id), TTL = retention
 *   {prefix}:{pN}:status:{yyMMdd}       status records of the day's tickets (hash), TTL = retention
 *   {prefix}:{pN}:idem:{channel}:{scope}  body fingerprint first sent with an Idempotency-Key
 *   {prefix}:{pN}:idem:{channel}:{scope}:lock   that key's in-flight lock
 *   {prefix}:{pN}:surveys:{pseudonym}   open 回访 surveys of the citizen who answers from that
 *                                       address (hash: ticket id -> "tracking expiresAt [a]")
 *   {prefix}.partitions                 the P this prefix was first started with (PartitionCount)
 * </pre>
 */
public final class StreamKeys {

  private final String prefix;
  private final int partitions;

  public StreamKeys(String prefix, int partitions) {
    this.prefix = prefix;
    this.partitions = partitions;
  }

  public int partitions() {
    return partitions;
  }

  /** The partition of a citizen pseudonym: stable across processes and replicas. */
  public int partitionOf(String pseudonym) {
    return Math.floorMod(pseudonym.hashCode(), partitions);
  }

  public String messages(int partition) {
    return tagged(partition) + ":messages";
  }

  public String tickets(int partition) {
    return tagged(partition) + ":tickets";
  }

  public String dedup(int partition, String channel, String account, String key) {
    return tagged(partition) + ":dedup:" + channel + ":" + account + ":" + key;
  }

  public String sequence(int partition, String day) {
    return tagged(partition) + ":seq:" + day;
  }

  /** The Redis run whose lost writes the partition's sequences were last advanced past. */
  public String sequenceFence(int partition) {
    return tagged(partition) + ":seq:fence";
  }

  /** Entry ids of one destination waiting for a retry, scored by due time (ms). */
  public String retrySchedule(int partition, String destination) {
    return tagged(partition) + ":delivery:" + destination + ":retry";
  }

  /** The events and attempt records of the entries in {@link #retrySchedule}. */
  public String retryData(int partition, String destination) {
    return tagged(partition) + ":delivery:" + destination + ":retrydata";
  }

  /** The dead-letter stream of one destination in one partition. */
  public String deadLetters(int partition, String destination) {
    return tagged(partition) + ":delivery:" + destination + ":dlq";
  }

  /** Destinations disabled by a 410 answer or the admin API, with the reason. */
  public String disabledDestinations() {
    return prefix + ":delivery:disabled";
  }

  /** The open conversation of one citizen on one channel account ("ticketId trackingNumber"). */
  public String conversation(int partition, String channel, String account, String pseudonym) {
    return tagged(partition) + ":conv:" + channel + ":" + account + ":" + pseudonym;
  }

  /**
   * The tickets one citizen opened on one channel account (hash: tracking number → ticket id), so a
   * text naming one of their tracking numbers joins that ticket (SMS).
   */
  public String conversationTickets(
      int partition, String channel, String account, String pseudonym) {
    return conversation(partition, channel, account, pseudonym) + ":tickets";
  }

  /**
   * The status records of the tickets one partition opened on one day (hash): field tracking number
   * → record (JSON), field ticket id → tracking number.
   */
  public String statusDay(int partition, String day) {
    return tagged(partition) + ":status:" + day;
  }

  /**
   * The fingerprint of the first body sent with one Idempotency-Key ({@code scope} names the user
   * and the key); {@code + ":lock"} is the key's in-flight lock.
   */
  public String idempotency(int partition, String channel, String scope) {
    return tagged(partition) + ":idem:" + channel + ":" + scope;
  }

  /**
   * The partition count this key prefix was first started with ({@link PartitionCount}). Beside the
   * prefix's {@code prefix:*} keys, not among them: it belongs to the deployment, not to a
   * partition or a request.
   */
  public String partitionRecord() {
    return prefix + ".partitions";
  }

  /** Media waiting to be fetched from a channel's API, scored by due time (ms). */
  public String mediaFetches(int partition) {
    return tagged(partition) + ":media:pending";
  }

  /**
   * One reply's send state (hash, docs/replies.md): the chain step it is at, the attempt that holds
   * it, whether it is settled and delivered, and the vendor's message id.
   */
  public String reply(int partition, String replyId) {
    return tagged(partition) + ":reply:" + replyId;
  }

  /**
   * The open 回访 surveys (hash, docs/survey.md) of the citizen answering from the address whose
   * pseudonym is given; its partition is that pseudonym's.
   */
  public String surveys(int partition, String pseudonym) {
    return tagged(partition) + ":surveys:" + pseudonym;
  }

  private String tagged(int partition) {
    return prefix + ":{p" + partition + "}";
  }
}
