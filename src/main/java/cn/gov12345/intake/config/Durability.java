package cn.gov12345.intake.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What an acknowledgement is worth (docs/durability.md): when the gateway answers 2xx, how the
 * append is persisted.
 */
public enum Durability {
  /** AOF fsynced once a second: a process kill loses nothing, a power loss up to ~1 s. */
  @JsonProperty("everysec")
  EVERYSEC,
  /** AOF fsynced before Redis answers ({@code appendfsync always}, group-committed). */
  @JsonProperty("fsync")
  FSYNC,
  /**
   * Every confirmed write is followed by {@code WAIT replicas timeout}: the ack waits until that
   * many replicas hold the append (fewer in time: 503, the append is on the master and a retry is a
   * duplicate). For an external Redis with replicas (Sentinel).
   */
  @JsonProperty("replicated")
  REPLICATED
}
