package cn.gov12345.intake.channel.telephony.io;

import cn.gov12345.intake.media.PendingDownloads;

/**
 * One pending recording download, the member of {@code calls:recordings} (as JSON). Ids only: the
 * pseudonym, never the number.
 *
 * @param partition the call's partition
 * @param vendor twilio or cti (whose credentials the download uses)
 * @param integration the integration name
 * @param account the channel account ({@code vendor-integration})
 * @param url the vendor's recording URL
 * @param recordingId the vendor's recording id, or null
 * @param messageId the recording event's message
 * @param ticketId the call's ticket (filled in by {@code call.lua})
 * @param trackingNumber its tracking number (filled in by {@code call.lua})
 * @param pseudonym the call's citizen pseudonym (filled in by {@code call.lua})
 * @param scheme its scheme, phone or anonymous (filled in by {@code call.lua})
 * @param receivedAt when the recording event was accepted (ms)
 * @param attempt attempts made so far
 */
public record RecordingFetch(
    int partition,
    String vendor,
    String integration,
    String account,
    String url,
    String recordingId,
    String messageId,
    String ticketId,
    String trackingNumber,
    String pseudonym,
    String scheme,
    long receivedAt,
    int attempt) {

  static final String TICKET_SLOT = "@@ticket@@";
  static final String TRACKING_SLOT = "@@tracking@@";
  static final String PSEUDONYM_SLOT = "@@pseudonym@@";
  static final String SCHEME_SLOT = "@@scheme@@";

  /** The same fetch after one more failed attempt. */
  public RecordingFetch next() {
    return new RecordingFetch(
        partition,
        vendor,
        integration,
        account,
        url,
        recordingId,
        messageId,
        ticketId,
        trackingNumber,
        pseudonym,
        scheme,
        receivedAt,
        attempt + 1);
  }

  public String toJson() {
    return PendingDownloads.member(this);
  }

  /** Parses a member; fails with {@link IllegalArgumentException} on anything else. */
  public static RecordingFetch fromJson(String json) {
    return PendingDownloads.read(json, RecordingFetch.class);
  }
}
