package cn.gov12345.intake.channel.sms;

import java.util.List;

/**
 * One authenticated push of inbound SMS: Alibaba's SmsUp batch (one or more texts) or one request
 * of the generic format.
 *
 * @param provider {@code aliyun} or {@code http}: how the push is answered
 * @param texts the texts, in the order the provider sent them
 */
public record SmsPush(String provider, List<SmsText> texts) {

  public SmsPush {
    texts = List.copyOf(texts);
  }
}
