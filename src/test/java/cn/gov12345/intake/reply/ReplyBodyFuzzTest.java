package cn.gov12345.intake.reply;

import cn.gov12345.intake.support.Hostile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** A department's reply body: a valid reply or a typed refusal, whatever the bytes. */
class ReplyBodyFuzzTest {

  static final String TICKET = "01a23c82-245f-7c23-bd13-d5fa89618627";

  @FuzzTest(maxDuration = "10s")
  void replyBody(byte[] body) {
    Hostile.parse(() -> ReplyBody.parse(body, TICKET, true));
    Hostile.parse(() -> ReplyBody.parse(body, TICKET, false));
  }
}
