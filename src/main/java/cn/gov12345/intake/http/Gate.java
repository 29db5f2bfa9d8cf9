package cn.gov12345.intake.http;

import cn.gov12345.intake.channel.InboundRequest;
import io.vertx.core.Future;

/**
 * An endpoint's admission step, run on the request's head before any byte of its body is read: a
 * bearer token's verification, a CSRF token, a proof of work, a rate-limit slot. Succeeds with the
 * authenticated principal (or null), fails with a typed refusal.
 */
@FunctionalInterface
public interface Gate {

  Future<Object> admit(InboundRequest head);

  /** Admits every request, with no principal. */
  static Gate open() {
    return head -> Future.succeededFuture();
  }
}
