package cn.gov12345.intake.status;

import io.vertx.core.Future;

/** Where tickets' status records live. */
public interface StatusStore {

  /**
   * The status record of a tracking number.
   *
   * @return the record, or null when there is none (never opened, expired, another partition
   *     count); fails with a store-unavailable exception when Redis does not answer
   */
  Future<TicketRecord> find(String trackingNumber);

  /**
   * Finds a ticket by its id.
   *
   * @return where it is, or null when no partition knows it
   */
  Future<Located> locate(String ticketId);

  /**
   * Records one report atomically (history step, status, event, dedup key) or nothing.
   *
   * @param ticket the ticket, as {@link #locate} found it
   * @param report what to write
   */
  Future<Outcome> record(Located ticket, Report report);

  /**
   * One report ready to be written.
   *
   * @param reporter who reports it
   * @param dedupKey the reporter's idempotency identity (webhook-id or Idempotency-Key)
   * @param status the new status
   * @param reopen whether it may move back
   * @param eventId the event's id
   * @param event the {@code ticket.status.v1} event
   * @param historyStep the step appended to the record
   * @param fingerprint of the report (ticket id and body): a dedup key reused with another one is
   *     {@link Result#KEY_REUSED}
   */
  record Report(
      Reporter reporter,
      String dedupKey,
      TicketStatus status,
      boolean reopen,
      String eventId,
      byte[] event,
      byte[] historyStep,
      String fingerprint) {}

  /**
   * What the store did.
   *
   * @param result recorded, duplicate, unknown ticket, not allowed, history full, key reused
   * @param value the previous status (recorded), the original event id (duplicate), the current
   *     status (not allowed); else null
   */
  record Outcome(Result result, String value) {}

  /** The kinds of {@link Outcome}. */
  enum Result {
    RECORDED,
    DUPLICATE,
    UNKNOWN_TICKET,
    NOT_ALLOWED,
    HISTORY_FULL,
    KEY_REUSED
  }
}
