package cn.gov12345.intake.http;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;

/**
 * An HTTP API of the public port that is not a channel (status reports, 进度查询, the pull API, the web
 * form until it is a channel): its package builds its routes, the wiring lists it, and the public
 * verticle mounts it on every event loop — so {@code http/} imports none of them.
 */
@FunctionalInterface
public interface ApiModule {

  /** What a mounted API holds that must be released when its verticle stops. */
  @FunctionalInterface
  interface Mounted {
    Future<?> stop();
  }

  /** Nothing to release. */
  Mounted NOTHING = Future::succeededFuture;

  /** Mounts the API on one event loop's router, appending through that loop. */
  Mounted mount(Router router, Loop loop);
}
