package cn.gov12345.intake.delivery;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;

/**
 * Makes one delivery attempt of one entry for a destination: a signed webhook ({@link
 * WebhookSender}) for departments, the reply chain for the built-in {@code replies} destination.
 */
public interface AttemptSender {

  /**
   * Never fails: a timeout or a refused connection is an outcome too.
   *
   * @param eventId the CloudEvent id
   * @param body the event exactly as stored
   */
  Future<AttemptOutcome> send(Destination d, String eventId, Buffer body);
}
