package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.app.io.IdempotencyCheck;
import cn.gov12345.intake.support.AppClient;
import cn.gov12345.intake.support.AppFixture;
import cn.gov12345.intake.support.TestRedis;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idempotency-Key semantics of app submissions (IETF httpapi draft), end to end on real Redis: a
 * replay answers the stored response, a changed body 422, a request in flight 409, and no key ever
 * opens two tickets.
 */
@Tag("cluster")
class AppIdempotencyIT {

  @RegisterExtension static final AppFixture fx = new AppFixture();

  @Test
  void theSameKeyAndBodyReplaysTheStoredAnswerAndOpensNoSecondTicket() {
    String key = AppClient.newKey();
    String text = "{\"appealType\":\"求助\",\"text\":\"独居老人摔倒需要帮助\"}";
    HttpResponse<String> first = fx.app().submit("u-replay", key, text);
    long ticketsAfterFirst = fx.tickets();
    long messagesAfterFirst = fx.messages();

    HttpResponse<String> again = fx.app().submit("u-replay", key, text);
    HttpResponse<String> reformatted =
        fx.app().submit("u-replay", key, "{ \"text\": \"独居老人摔倒需要帮助\",\n \"appealType\": \"求助\" }");

    assertThat(first.statusCode()).isEqualTo(201);
    for (HttpResponse<String> replay : List.of(again, reformatted)) {
      assertThat(replay.statusCode()).isEqualTo(201);
      assertThat(replay.body()).isEqualTo(first.body());
      assertThat(replay.headers().firstValue("Idempotent-Replayed")).contains("true");
    }
    assertThat(fx.tickets()).isEqualTo(ticketsAfterFirst);
    assertThat(fx.messages()).isEqualTo(messagesAfterFirst);
  }

  @Test
  void theSameKeyFromAnotherUserIsAnotherRequest() {
    String key = AppClient.newKey();
    String text = "{\"appealType\":\"建议\",\"text\":\"建议增设公交站\"}";
    JsonObject mine = new JsonObject(fx.app().submit("u-a", key, text).body());
    HttpResponse<String> theirs = fx.app().submit("u-b", key, text);

    assertThat(theirs.statusCode()).isEqualTo(201);
    assertThat(theirs.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(new JsonObject(theirs.body()).getString("ticketId"))
        .isNotEqualTo(mine.getString("ticketId"));
  }

  @Test
  void theSameKeyWithAChangedBodyIsRefusedWith422AndWritesNothing() {
    String key = AppClient.newKey();
    fx.app().submit("u-change", key, "{\"appealType\":\"投诉\",\"text\":\"噪音扰民\"}");
    long before = fx.tickets();

    HttpResponse<String> changed =
        fx.app().submit("u-change", key, "{\"appealType\":\"投诉\",\"text\":\"噪音扰民，每晚到凌晨\"}");

    assertThat(changed.statusCode()).isEqualTo(422);
    assertThat(new JsonObject(changed.body()).getString("code"))
        .isEqualTo("idempotency_key_reused");
    assertThat(fx.tickets()).isEqualTo(before);
  }

  @Test
  void aRetryWhileTheFirstRequestIsInFlightIsRefusedWith409ThenProceedsOnceItsLockExpires()
      throws Exception {
    String key = AppClient.newKey();
    String text = "{\"appealType\":\"举报\",\"text\":\"工地夜间违规施工\"}";
    assertThat(fx.beginElsewhere("u-crash", key, text).outcome())
        .isEqualTo(IdempotencyCheck.Outcome.PROCEED);
    long before = fx.tickets();

    HttpResponse<String> meanwhile = fx.app().submit("u-crash", key, text);
    assertThat(meanwhile.statusCode()).isEqualTo(409);
    assertThat(meanwhile.headers().firstValue("Retry-After")).contains("1");
    assertThat(new JsonObject(meanwhile.body()).getString("code"))
        .isEqualTo("idempotency_key_in_use");
    assertThat(fx.tickets()).isEqualTo(before);

    // the first request died: its lock runs out (moved forward here instead of waiting 30 s)
    TestRedis.call(Command.PEXPIRE, fx.lockOf("u-crash"), "1");
    Thread.sleep(5);
    HttpResponse<String> retry = fx.app().submit("u-crash", key, text);
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(fx.tickets()).isEqualTo(before + 1);
  }

  @Test
  void anAcceptedRequestIsReplayedEvenWhileAStaleLockIsHeld() throws Exception {
    String key = AppClient.newKey();
    String text = "{\"appealType\":\"咨询\",\"text\":\"社保卡如何补办\"}";
    HttpResponse<String> first = fx.app().submit("u-stale", key, text);
    TestRedis.call(Command.SET, fx.lockOf("u-stale") + "", "someone-else", "PX", "30000");

    HttpResponse<String> retry = fx.app().submit("u-stale", key, text);

    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.body()).isEqualTo(first.body());
  }

  @Test
  void twentyConcurrentRetriesOfOneSubmissionOpenOneTicket() throws Exception {
    String key = AppClient.newKey();
    String text = "{\"appealType\":\"求助\",\"text\":\"暴雨后地下室进水\"}";
    String token = AppClient.token("u-burst");
    long before = fx.tickets();
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<HttpResponse<String>>> answers;
    try {
      List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        calls.add(
            () ->
                AppClient.send(
                    fx.app().request(token, key, text.getBytes(StandardCharsets.UTF_8)).build()));
      }
      answers = pool.invokeAll(calls);
    } finally {
      pool.shutdown();
    }

    Set<String> ticketIds = new HashSet<>();
    for (Future<HttpResponse<String>> answer : answers) {
      HttpResponse<String> r = answer.get();
      assertThat(r.statusCode()).isIn(201, 409);
      if (r.statusCode() == 201) {
        ticketIds.add(new JsonObject(r.body()).getString("ticketId"));
      }
    }
    assertThat(ticketIds).hasSize(1);
    assertThat(fx.tickets()).isEqualTo(before + 1);
  }
}
