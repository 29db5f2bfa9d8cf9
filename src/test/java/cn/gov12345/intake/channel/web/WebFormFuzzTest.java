package cn.gov12345.intake.channel.web;

import cn.gov12345.intake.support.Hostile;
import cn.gov12345.intake.support.TestIdentity;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The citizen page's fields as the multipart decoder (Vert.x / Netty) hands them over: a submission
 * or a typed refusal. The input is {@code name=value} lines (raw, not decoded), so the samples'
 * fields are the seeds.
 */
class WebFormFuzzTest {

  private static final WebFormMapper MAPPER = new WebFormMapper(TestIdentity.phones());
  private static final WebChannel CHANNEL = WebFixtures.channel(java.time.Clock.systemUTC());

  /** A solved head, so the body's checks are reached whatever the head lines say. */
  private static final WebChannel.Admission SOLVED =
      WebFixtures.admission(CHANNEL, WebFixtures.validFields(CHANNEL));

  @FuzzTest(maxDuration = "10s")
  void formFields(byte[] body) {
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (String line : new String(body, StandardCharsets.UTF_8).split("\n", -1)) {
      int eq = line.indexOf('=');
      String name = eq < 0 ? line : line.substring(0, eq);
      String value = eq < 0 ? "" : line.substring(eq + 1);
      fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    List<String> pow = fields.remove(WebFixtures.ALTCHA);
    List<String> keys = fields.get(WebForm.IDEMPOTENCY_KEY);
    WebForm form = new WebForm(fields, new ArrayList<>());
    Hostile.parse(
        () ->
            CHANNEL.admission(pow == null ? null : pow.get(0), keys == null ? null : keys.get(0)));
    Hostile.parse(() -> CHANNEL.accept(SOLVED, form));
    Hostile.parse(
        () -> {
          WebFormMapper.checkShape(form);
          String key = WebFormMapper.idempotencyKey(keys == null ? null : keys.get(0));
          MAPPER.citizen(form, key);
          WebFormMapper.appealType(form);
          WebFormMapper.description(form);
          WebFormMapper.location(form);
        });
  }
}
