package cn.gov12345.intake.channel.sms;

import cn.gov12345.intake.support.Hostile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** Receipt pushes from SMS providers: receipts or a typed refusal, whatever the bytes. */
class SmsReceiptsFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void aliyunSmsReport(byte[] body) {
    Hostile.parse(() -> SmsReceipts.aliyun(body, 50));
  }

  @FuzzTest(maxDuration = "10s")
  void genericReceipt(byte[] body) {
    Hostile.parse(() -> SmsReceipts.generic(body, 50));
  }
}
