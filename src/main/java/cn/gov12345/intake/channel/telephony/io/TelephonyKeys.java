package cn.gov12345.intake.channel.telephony.io;

import cn.gov12345.intake.stream.StreamKeys;

/**
 * Redis keys of the call state machine, next to the partition's streams (same hash tag {@code
 * {pN}}):
 *
 * <pre>
 *   {prefix}:{pN}:call:{account}:{callId}   one call's folded state (hash), TTL = stream.dedupTtl
 *   {prefix}:{pN}:calls:open                calls without an end event, scored by deadline (ms)
 *   {prefix}:{pN}:calls:recordings          recordings waiting for download, scored by due (ms)
 *   {prefix}:{pN}:conv:telephony:{account}:{pseudonym}   a caller's open callback ticket
 *   {prefix}:{pN}:callclose:{account}:{callId}   what the callback close of a call did
 * </pre>
 *
 * A call lives in the partition of its id ({@code account:callId}): every event of the call names
 * it, while some (recording callbacks) do not name the caller. A caller's callback window and the
 * callback tickets live in the CALLER's partition ({@link StreamKeys#partitionOf} of the
 * pseudonym), so one caller has one window at any partition count.
 */
public final class TelephonyKeys {

  private final String prefix;
  private final StreamKeys keys;

  public TelephonyKeys(String prefix, StreamKeys keys) {
    this.prefix = prefix;
    this.keys = keys;
  }

  public StreamKeys streams() {
    return keys;
  }

  /** The partition of one call. */
  public int partitionOf(String account, String callId) {
    return keys.partitionOf("call:" + account + ":" + callId);
  }

  public String call(int partition, String account, String callId) {
    return tagged(partition) + ":call:" + account + ":" + callId;
  }

  public String openCalls(int partition) {
    return tagged(partition) + ":calls:open";
  }

  public String recordings(int partition) {
    return tagged(partition) + ":calls:recordings";
  }

  /** The caller's partition: where the caller's callback window and callback tickets live. */
  public int callerPartition(String pseudonym) {
    return keys.partitionOf(pseudonym);
  }

  /** The callback window of a caller, in the caller's partition. */
  public String callbackWindow(String account, String pseudonym) {
    return keys.conversation(callerPartition(pseudonym), "telephony", account, pseudonym);
  }

  /** What the callback close of one call did, in the caller's partition (retries answer it). */
  public String callbackClose(String pseudonym, String account, String callId) {
    return tagged(callerPartition(pseudonym)) + ":callclose:" + account + ":" + callId;
  }

  private String tagged(int partition) {
    return prefix + ":{p" + partition + "}";
  }
}
