package cn.gov12345.intake;

import cn.gov12345.intake.channel.telephony.io.TelephonyVerticle;
import cn.gov12345.intake.channel.wechat.io.MediaFetchVerticle;
import cn.gov12345.intake.delivery.DeliveryVerticle;
import cn.gov12345.intake.http.ApiModule;
import cn.gov12345.intake.http.ChannelModule;
import cn.gov12345.intake.http.ConnectionGuard;
import cn.gov12345.intake.http.Drain;
import cn.gov12345.intake.http.LoopFactory;
import cn.gov12345.intake.http.ManagementVerticle;
import cn.gov12345.intake.http.PublicVerticle;
import cn.gov12345.intake.signals.SignalsVerticle;
import cn.gov12345.intake.upload.UploadSweepVerticle;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The wiring of every verticle: each gets, by constructor, the parts of {@link Services} it needs;
 * nothing below this package reads {@link Services} (the build's ArchitectureTest enforces it).
 */
final class Verticles {

  private Verticles() {}

  static ManagementVerticle management(Services s, int port, Drain drain) {
    return new ManagementVerticle(
        s.config(),
        s.keys(),
        s.redis().pooled(),
        s.deliveries(),
        s.clock(),
        s.metrics(),
        new ManagementVerticle.Listener(
            port,
            new ConnectionGuard("management", s.config().management().connections(), s.metrics()),
            drain));
  }

  /** One public verticle per event loop, all sharing the modules and the port's connection cap. */
  static Supplier<PublicVerticle> publicPort(Services s, int port) {
    List<ChannelModule> channels = ChannelRegistry.modules(s);
    List<ApiModule> apis = ApiRegistry.modules(s);
    LoopFactory loops = ApiRegistry.loops(s);
    ConnectionGuard connections =
        new ConnectionGuard("public", s.config().http().connections(), s.metrics());
    return () ->
        new PublicVerticle(
            s.config().http(),
            s.config().redis().retryAfter(),
            s.metrics(),
            loops,
            channels,
            apis,
            port,
            connections,
            Path.of(s.config().dataDir(), PublicVerticle.UPLOADS));
  }

  static UploadSweepVerticle uploadSweep(Services s) {
    return new UploadSweepVerticle(
        s.config(), s.redis().pooled(), s.clock(), s.metrics().registry());
  }

  static MediaFetchVerticle mediaFetch(Services s) {
    return new MediaFetchVerticle(
        s.config(), s.keys(), s.redis(), s.events(), s.ids(), s.clock(), s.metrics());
  }

  static TelephonyVerticle telephony(Services s) {
    return new TelephonyVerticle(
        s.config(), s.keys(), s.redis(), s.fence(), s.events(), s.ids(), s.clock(), s.metrics());
  }

  static DeliveryVerticle delivery(Services s, long startedAtMillis) {
    return new DeliveryVerticle(
        s.deliveries(),
        s.keys(),
        s.redis().pooled(),
        s.clock(),
        s.config().http().shutdownGrace(),
        startedAtMillis,
        ReplyRegistry.builtIn(s));
  }

  static SignalsVerticle signals(Services s, long startedAtMillis) {
    return new SignalsVerticle(
        s.config().signals(),
        s.keys(),
        s.config().stream().keyPrefix(),
        s.redis().pooled(),
        s.metrics().registry(),
        startedAtMillis);
  }
}
