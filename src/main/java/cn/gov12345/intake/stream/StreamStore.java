package cn.gov12345.intake.stream;

import io.vertx.core.Future;

/** The durable, deduplicated stream: the port the pipeline appends through. */
public interface StreamStore {

  /**
   * Appends atomically: dedup check, XADD message (and ticket), remember the dedup key.
   *
   * @return the result once the store confirmed it; fails with {@link
   *     cn.gov12345.intake.error.StoreUnavailableException} when the store is unreachable, timed
   *     out or refused the write (nothing may be acknowledged then)
   */
  Future<AppendResult> append(Append append);
}
