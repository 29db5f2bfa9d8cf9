package cn.gov12345.intake.channel.sms.io;

import cn.gov12345.intake.reply.SendOutcome;
import io.vertx.core.Future;

/** One SMS provider's API: Alibaba Cloud's {@code SendSms}, or the generic signed-HTTP format. */
public interface SmsClient {

  /** Whether the provider can send to this E.164 number at all. */
  boolean canReach(String phone);

  /**
   * Makes one attempt. Never fails: a refused connection is {@code RETRY}, a timeout after the
   * request was written {@code UNKNOWN}, every provider answer a classified outcome.
   */
  Future<SendOutcome> send(SmsRequest request);
}
