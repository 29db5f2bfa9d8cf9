package cn.gov12345.intake.channel.wechat.io;

import cn.gov12345.intake.media.PendingDownloads;

/**
 * One pending media download, the member of the pending set (as JSON). It holds ids only: the
 * pseudonym, never the openid.
 *
 * @param partition the ticket's partition
 * @param account the account name (its API credentials)
 * @param mediaId WeChat's MediaId
 * @param uri the reference in the message event ({@code wechat-media://appId/MediaId})
 * @param messageId the message event the medium came in
 * @param ticketId the conversation ticket
 * @param trackingNumber its tracking number
 * @param pseudonym the citizen's pseudonym
 * @param receivedAt when the message was accepted (ms); WeChat keeps media 3 days from then
 * @param attempt attempts made so far
 */
public record MediaFetch(
    int partition,
    String account,
    String mediaId,
    String uri,
    String messageId,
    String ticketId,
    String trackingNumber,
    String pseudonym,
    long receivedAt,
    int attempt) {

  /** The same fetch after one more failed attempt. */
  public MediaFetch next() {
    return new MediaFetch(
        partition,
        account,
        mediaId,
        uri,
        messageId,
        ticketId,
        trackingNumber,
        pseudonym,
        receivedAt,
        attempt + 1);
  }

  public String toJson() {
    return PendingDownloads.member(this);
  }

  /** Parses a member; fails with {@link IllegalArgumentException} on anything else. */
  public static MediaFetch fromJson(String json) {
    return PendingDownloads.read(json, MediaFetch.class);
  }
}
