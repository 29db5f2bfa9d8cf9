package cn.gov12345.intake.channel.app;

import cn.gov12345.intake.support.Hostile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** App request JSON: read and fingerprinted, or a typed refusal. Seeds: {@code ...Inputs/}. */
class AppParsersFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void requestJson(byte[] body) {
    Hostile.parse(() -> AppRequestReader.fingerprint(AppRequestReader.read(body)));
  }
}
