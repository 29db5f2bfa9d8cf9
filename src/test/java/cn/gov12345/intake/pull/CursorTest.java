package cn.gov12345.intake.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.error.PullException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void aCursorSurvivesItsWireFormAndIsOpaqueUrlSafeText() {
    Cursor cursor = Cursor.of(List.of("1732620000000-0", "0-0", "1732620000123-17"));

    String wire = cursor.encode();

    assertThat(wire).matches("[A-Za-z0-9_-]+");
    assertThat(wire).doesNotContain("1732620000000");
    assertThat(Cursor.parse(wire, 3)).isEqualTo(cursor);
  }

  @Test
  void movingOnePartitionLeavesTheOthersAndTheOriginalAlone() {
    Cursor origin = Cursor.origin(3);

    Cursor moved = origin.with(1, "5-2");

    assertThat(moved.lastId(0)).isEqualTo("0-0");
    assertThat(moved.lastId(1)).isEqualTo("5-2");
    assertThat(moved.lastId(2)).isEqualTo("0-0");
    assertThat(origin.lastId(1)).isEqualTo("0-0");
  }

  @Test
  void aCursorForAnotherNumberOfPartitionsOrNotIssuedHereIsInvalid() {
    String twoPartitions = Cursor.origin(2).encode();
    for (String bad : List.of(twoPartitions, "", "***", "djE6MS0w", "djI6MC0wLDAtMCwwLTA")) {
      PullException e = catchThrowableOfType(PullException.class, () -> Cursor.parse(bad, 3));
      assertThat(e).as(bad).isNotNull();
      assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_CURSOR);
    }
  }

  @Test
  void entryIdsOrderByTimeThenSequenceNumerically() {
    assertThat(StreamIds.ORDER.compare("9-0", "10-0")).isNegative();
    assertThat(StreamIds.ORDER.compare("10-2", "10-10")).isNegative();
    assertThat(StreamIds.ORDER.compare("10-10", "10-10")).isZero();
    assertThat(StreamIds.parse("10")).isNull();
    assertThat(StreamIds.parse("a-1")).isNull();
  }
}
