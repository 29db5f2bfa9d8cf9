package cn.gov12345.intake.status;

import cn.gov12345.intake.json.StrictJson;
import cn.gov12345.intake.support.Hostile;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** The 进度查询 lookup body, read as the route reads it: a query or a typed refusal. */
class LookupBodyFuzzTest {

  @FuzzTest(maxDuration = "10s")
  void queryJson(byte[] body) {
    Hostile.parse(() -> StrictJson.read(body, LookupRoutes.Query.class));
  }
}
