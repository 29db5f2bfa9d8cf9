package cn.gov12345.intake.channel.wechat.io;

import cn.gov12345.intake.reply.SendOutcome;
import java.util.Set;

/**
 * Classifies a failed WeChat message send into a {@link SendOutcome}, shared by the
 * customer-service and the template sender: the errcodes that mean "this sender cannot reach the
 * citizen now" differ per API and are given by each sender; -1 (busy), a token refused even after
 * the refresh, an HTTP error or unreadable answer and a connection that could not be made are
 * {@code RETRY} (nothing was sent); a request written without an answer is {@code UNKNOWN}; every
 * other errcode is a refusal of this message by this API, so {@code NEXT}.
 */
final class WechatReplyOutcomes {

  private WechatReplyOutcomes() {}

  static SendOutcome of(Throwable failure, Set<Integer> nextCodes) {
    if (!(failure instanceof WechatApiException e)) {
      return SendOutcome.retry("", -1, "unexpected failure " + failure.getClass().getSimpleName());
    }
    String code = e.errcode() == 0 ? "" : Integer.toString(e.errcode());
    if (nextCodes.contains(e.errcode())) {
      return SendOutcome.next(code, e.code());
    }
    return switch (e.error()) {
      case NO_ANSWER -> SendOutcome.unknown(e.code() + ": WeChat may have delivered it");
      case UNAVAILABLE, UNREACHABLE, TOKEN_INVALID -> SendOutcome.retry(code, -1, e.code());
      default -> SendOutcome.next(code, e.code());
    };
  }
}
