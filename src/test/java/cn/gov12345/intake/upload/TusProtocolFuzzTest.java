package cn.gov12345.intake.upload;

import cn.gov12345.intake.channel.app.TusProtocol;
import cn.gov12345.intake.support.Hostile;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** tus request headers: a value or a typed refusal. Seeds: {@code ...Inputs/headers/}. */
class TusProtocolFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void headers(FuzzedDataProvider data) {
    String version = data.consumeString(16);
    String length = data.consumeString(32);
    String checksum = data.consumeString(256);
    String metadata = data.consumeRemainingAsString();
    Hostile.parse(() -> TusProtocol.requireVersion(version));
    Hostile.parse(() -> TusProtocol.nonNegative("Upload-Length", length));
    Hostile.parse(() -> TusProtocol.checksum(checksum));
    Hostile.parse(() -> TusProtocol.metadata(metadata));
  }
}
