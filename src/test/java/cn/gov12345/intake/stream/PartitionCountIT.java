package cn.gov12345.intake.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gov12345.intake.support.TestGateway;
import cn.gov12345.intake.support.TestRedis;
import io.vertx.redis.client.Command;
import java.io.IOException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** P is recorded at the first start of a key prefix; a start with another P is refused. */
@Tag("cluster")
class PartitionCountIT {

  @Test
  void theFirstStartRecordsPAndARestartWithAnotherPIsRefusedWithAClearError() throws Exception {
    String prefix = TestRedis.freshPrefix();
    try (TestGateway first = TestGateway.startOn(prefix, "stream:\n  partitions: 4\n")) {
      assertThat(TestRedis.call(Command.GET, first.keys().partitionRecord()).toString())
          .isEqualTo("4");
    }
    try (TestGateway same = TestGateway.startOn(prefix, "stream:\n  partitions: 4\n")) {
      assertThat(same.keys().partitions()).isEqualTo(4);
    }
    assertThatThrownBy(() -> TestGateway.startOn(prefix, "stream:\n  partitions: 6\n").close())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("stream.partitions is 6 but this Redis key prefix was started with 4")
        .hasMessageContaining("dedup");
  }
}
