package cn.gov12345.intake.support;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Webhook load through a master kill: posts distinct webhooks in a row (one client), kills the
 * master after {@code killAfterMillis}, keeps posting for {@code runMillis}, watching readiness. It
 * then re-posts every acknowledged {@code webhook-id}: a 200 (duplicate, the original id) proves
 * the write survived the promotion, a 202 (accepted as new) means the ack was lost.
 */
public final class FailoverRun {

  /** What one run measured. */
  public record Result(
      int acked,
      int refused,
      int lost,
      long killedAtMillis,
      long firstAckAfterKillMillis,
      long readyAgainMillis,
      boolean readinessWentFalse) {

    /** Time from the kill to the first 2xx written on the new master. */
    public long reconnectMillis() {
      return firstAckAfterKillMillis < 0 ? -1 : firstAckAfterKillMillis - killedAtMillis;
    }

    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "acked=%d refused(503)=%d lostAcked=%d reconnect=%dms readyAgain=%dms"
              + " readinessWentFalse=%s",
          acked,
          refused,
          lost,
          reconnectMillis(),
          readyAgainMillis < 0 ? -1 : readyAgainMillis - killedAtMillis,
          readinessWentFalse);
    }
  }

  private FailoverRun() {}

  /** Runs the load; {@code kill} kills the master (kill -9). */
  public static Result run(TestGateway gateway, long killAfterMillis, long runMillis, Runnable kill)
      throws InterruptedException {
    WebhookClient partner = gateway.webhooks();
    List<String> acked = new ArrayList<>();
    long start = System.currentTimeMillis();
    long killedAt = -1;
    long firstAfter = -1;
    int refused = 0;
    AtomicBoolean wentFalse = new AtomicBoolean(false);
    long[] readyAgain = {-1};
    Thread watcher = readinessWatcher(gateway, wentFalse, readyAgain);
    try {
      while (System.currentTimeMillis() - start < runMillis) {
        if (killedAt < 0 && System.currentTimeMillis() - start >= killAfterMillis) {
          kill.run();
          killedAt = System.currentTimeMillis();
        }
        String id = WebhookClient.newId();
        int status = partner.post(id, BODY).statusCode();
        if (status == 202 || status == 200) {
          acked.add(id);
          if (killedAt >= 0 && firstAfter < 0) {
            firstAfter = System.currentTimeMillis();
          }
        } else {
          refused++;
        }
      }
    } finally {
      watcher.interrupt();
      watcher.join(2000);
    }
    int lost = 0;
    for (String id : acked) {
      lost += repostIsNew(partner, id) ? 1 : 0;
    }
    return new Result(
        acked.size(), refused, lost, killedAt, firstAfter, readyAgain[0], wentFalse.get());
  }

  /**
   * Re-posts an acknowledged id until the gateway answers it (up to 30 s): true = accepted anew.
   */
  private static boolean repostIsNew(WebhookClient partner, String id) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 30_000;
    while (true) {
      int status = partner.post(id, BODY).statusCode();
      if (status == 200 || status == 202) {
        return status == 202;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException("the gateway did not answer a re-post in 30 s: " + status);
      }
      Thread.sleep(200);
    }
  }

  private static Thread readinessWatcher(
      TestGateway gateway, AtomicBoolean wentFalse, long[] readyAgain) {
    Thread t =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                boolean ready = ready(gateway);
                if (!ready) {
                  wentFalse.set(true);
                } else if (wentFalse.get() && readyAgain[0] < 0) {
                  readyAgain[0] = System.currentTimeMillis();
                }
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "readiness-watcher");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static boolean ready(TestGateway gateway) {
    try {
      HttpResponse<String> r =
          WebhookClient.send(
              HttpRequest.newBuilder(URI.create(gateway.managementUrl() + "/health/ready"))
                  .build());
      return r.statusCode() == 200;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** One body for every post: a re-post of an id is then exactly the sender's retry. */
  private static final String BODY = "{\"text\":\"停电\",\"citizen\":{\"phone\":\"13800138000\"}}";
}
