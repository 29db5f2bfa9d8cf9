package cn.gov12345.intake.error;

/**
 * The stable error vocabulary of the gateway. Each code is part of the public contract: clients and
 * dashboards match on {@link #code()}, never on the message text.
 */
public enum ErrorCode {
  MALFORMED_JSON(400, "malformed_json"),
  INVALID_SUBMISSION(400, "invalid_submission"),
  MISSING_HEADER(400, "missing_header"),
  INVALID_REQUEST(400, "invalid_request"),
  UNAUTHORIZED(401, "unauthorized"),
  FORBIDDEN(403, "forbidden"),
  INVALID_TOKEN(401, "invalid_token"),
  TOKEN_EXPIRED(401, "token_expired"),
  MALFORMED_XML(400, "malformed_xml"),
  XML_DOCTYPE_REFUSED(400, "xml_doctype_refused"),
  MISSING_PARAMETER(400, "missing_parameter"),
  INVALID_SIGNATURE(401, "invalid_signature"),
  STALE_TIMESTAMP(401, "stale_timestamp"),
  ENCRYPTION_REQUIRED(401, "encryption_required"),
  DECRYPTION_FAILED(401, "decryption_failed"),
  APP_ID_MISMATCH(401, "app_id_mismatch"),
  INVALID_CURSOR(400, "invalid_cursor"),
  INVALID_PARAMETER(400, "invalid_parameter"),
  INVALID_API_KEY(401, "invalid_api_key"),
  INVALID_CALL_EVENT(400, "invalid_call_event"),
  INVALID_RECEIPT(400, "invalid_receipt"),
  TOO_MANY_RECEIPTS(413, "too_many_receipts"),
  INVALID_SMS(400, "invalid_sms"),
  TOO_MANY_MESSAGES(413, "too_many_messages"),
  ACCOUNT_MISMATCH(401, "account_mismatch"),
  UNKNOWN_SOURCE(404, "unknown_source"),
  UNKNOWN_ACCOUNT(404, "unknown_account"),
  NOT_FOUND(404, "not_found"),
  UNKNOWN_DESTINATION(404, "unknown_destination"),
  LOOKUP_FAILED(404, "lookup_failed"),
  UNKNOWN_TICKET(404, "unknown_ticket"),
  STATUS_CONFLICT(409, "status_conflict"),
  METHOD_NOT_ALLOWED(405, "method_not_allowed"),
  BODY_TOO_LARGE(413, "body_too_large"),
  UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type"),
  IDEMPOTENCY_KEY_IN_USE(409, "idempotency_key_in_use"),
  IDEMPOTENCY_KEY_REUSED(422, "idempotency_key_reused"),
  UNKNOWN_MEDIA(422, "unknown_media"),
  RECORDING_URL_REFUSED(422, "recording_url_refused"),
  TOO_MANY_STREAMS(429, "too_many_streams"),
  UNSUPPORTED_TUS_VERSION(412, "unsupported_tus_version"),
  UPLOAD_OFFSET_MISMATCH(409, "upload_offset_mismatch"),
  UPLOAD_LOCKED(423, "upload_locked"),
  UPLOAD_TOO_LARGE(413, "upload_too_large"),
  UPLOAD_QUOTA_EXCEEDED(429, "upload_quota_exceeded"),
  CHECKSUM_MISMATCH(460, "checksum_mismatch"),
  UNSUPPORTED_CHECKSUM(400, "unsupported_checksum_algorithm"),
  MEDIA_TYPE_NOT_ALLOWED(415, "media_type_not_allowed"),
  MEDIA_TYPE_MISMATCH(415, "media_type_mismatch"),
  MEDIA_TOO_LARGE(413, "media_too_large"),
  PROOF_OF_WORK_REQUIRED(400, "proof_of_work_required"),
  PROOF_OF_WORK_INVALID(400, "proof_of_work_invalid"),
  PROOF_OF_WORK_REPLAYED(409, "proof_of_work_replayed"),
  SUBMISSION_REFUSED(400, "submission_refused"),
  TOO_MANY_PARTS(400, "too_many_parts"),
  MALFORMED_MULTIPART(400, "malformed_multipart"),
  CSRF_TOKEN_INVALID(403, "csrf_token_invalid"),
  RATE_LIMITED(429, "rate_limited"),
  STORE_UNAVAILABLE(503, "store_unavailable"),
  INSUFFICIENT_STORAGE(507, "insufficient_storage"),
  INTERNAL(500, "internal_error");

  private final int status;
  private final String code;

  ErrorCode(int status, String code) {
    this.status = status;
    this.code = code;
  }

  /** The HTTP status this error is answered with. */
  public int status() {
    return status;
  }

  /** The stable, machine-readable code (snake case). */
  public String code() {
    return code;
  }
}
