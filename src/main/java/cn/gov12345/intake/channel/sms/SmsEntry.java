package cn.gov12345.intake.channel.sms;

import java.time.Instant;

/**
 * One inbound SMS as a provider pushed it, checked for shape, not yet mapped.
 *
 * @param from the sender's number as pushed (raw personal data: never logged or kept as is)
 * @param sentAt when the carrier says it was sent (the provider's time)
 * @param content the text
 * @param messageId the provider's id of the message, or null when the push carries none
 * @param to the number or extension the citizen texted ({@code dest_code}, {@code to}), or null
 * @param signName aliyun: the signature of the message the citizen answered, or null
 */
record SmsEntry(
    String from, Instant sentAt, String content, String messageId, String to, String signName) {

  @Override
  public String toString() {
    return "SmsEntry[<redacted>]";
  }
}
