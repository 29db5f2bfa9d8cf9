package cn.gov12345.intake.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Calling numbers as PBXs and call centers send them. */
class PhoneNumbersTest {

  final PhoneNumbers phones = new PhoneNumbers("CN");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "13800138000, +8613800138000",
    "+86 138-0013-8000, +8613800138000",
    "008613800138000, +8613800138000",
    "010-8888 6666, +861088886666",
    "02188886666, +862188886666",
    "+861088886666, +861088886666",
    "400-812-3123, +864008123123",
    "800-810-8888, +868008108888",
    "12345, +8612345",
    "95588, +8695588",
    "110, +86110"
  })
  void callingNumbersNormalizeToE164(String raw, String e164) {
    assertThat(phones.callerE164(raw)).contains(e164);
  }

  @ParameterizedTest
  @ValueSource(strings = {"8888666", "1", "abc", "13800138000x", "+1 415 555 0100 ext 9"})
  void localNumbersWithoutAreaCodeAndGarbageDoNotNormalize(String raw) {
    assertThat(phones.callerE164(raw)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"anonymous", "Anonymous", "unknown", "+266696687", "", " ", "restricted"})
  void withheldNumbersAreRecognizedAndNeverNormalized(String raw) {
    assertThat(PhoneNumbers.isWithheld(raw)).isTrue();
    assertThat(phones.callerE164(raw)).isEmpty();
  }
}
