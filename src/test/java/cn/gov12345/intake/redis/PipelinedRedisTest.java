package cn.gov12345.intake.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.redis.client.impl.types.ErrorType;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Which failures replace the held connection (issue 16: a Cluster failover). */
class PipelinedRedisTest {

  @Test
  void noAnswerFromRedisDropsTheConnection() {
    assertThat(PipelinedRedis.lostOrMoved(new TimeoutException("Timeout 2000 (ms) fired")))
        .isTrue();
    assertThat(PipelinedRedis.lostOrMoved(new ConnectException("Connection refused"))).isTrue();
  }

  @Test
  void aMovedAnswerDropsTheConnectionAloneOrInABatch() {
    assertThat(PipelinedRedis.lostOrMoved(ErrorType.create("MOVED 15882 127.0.0.1:43075")))
        .isTrue();
    assertThat(
            PipelinedRedis.lostOrMoved(
                ErrorType.create(
                    "ERR [0] MOVED 15882 127.0.0.1:43075"
                        + System.lineSeparator()
                        + "ERR [1] WAIT cannot be used with replica instances.")))
        .isTrue();
  }

  @Test
  void otherRedisErrorsKeepTheConnection() {
    assertThat(PipelinedRedis.lostOrMoved(ErrorType.create("NOSCRIPT No matching script")))
        .isFalse();
    assertThat(PipelinedRedis.lostOrMoved(ErrorType.create("CLUSTERDOWN The cluster is down")))
        .isFalse();
    assertThat(PipelinedRedis.lostOrMoved(ErrorType.create("ERR [0] NOSCRIPT No matching script")))
        .isFalse();
  }
}
