package cn.gov12345.intake.cli;

import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.redis.RedisEndpoint;
import cn.gov12345.intake.signals.Signal;
import cn.gov12345.intake.signals.SignalReplay;
import cn.gov12345.intake.stream.StreamKeys;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code replay --from T --to T [--compare]}: replays the tickets streams of a time range through
 * the signal rules into a fresh state namespace (nothing is delivered, the namespace is deleted
 * afterwards), prints each signal ({@code time type id}) and, with {@code --compare}, the live
 * signals of the range the replay did not emit or emitted in addition (docs/signals.md#replay).
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Replay a time range of the tickets streams through the signals; compare.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:replayed (and, with --compare, the same signals as the live run)",
      "1:Redis failed, or --compare found differences",
      "2:usage error or invalid configuration"
    })
final class ReplayCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Option(names = "--from", required = true, description = "start (RFC 3339, inclusive)")
  Instant from;

  @Option(names = "--to", required = true, description = "end (RFC 3339, inclusive)")
  Instant to;

  @Option(names = "--compare", description = "compare with the live signals of the range")
  boolean compare;

  @Option(
      names = "--redis",
      paramLabel = "URL",
      description = "Redis URL (default: redis.url of the config; needed with the embedded Redis)")
  String redisUrl;

  @Spec CommandSpec spec;

  private final CliContext context;

  ReplayCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws Exception {
    GatewayConfig c = config.load(context);
    PrintWriter err = spec.commandLine().getErr();
    if (to.isBefore(from)) {
      err.println("--to is before --from");
      return IntakeCli.USAGE;
    }
    if (redisUrl == null && c.redis().isEmbedded()) {
      err.println("the config uses the embedded Redis: pass --redis redis://127.0.0.1:PORT");
      return IntakeCli.USAGE;
    }
    RedisOptions options =
        redisUrl == null
            ? RedisEndpoint.external(c.redis()).pooled()
            : new RedisOptions().setConnectionString(redisUrl);
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis = Redis.createClient(vertx, options);
      String prefix = c.stream().keyPrefix();
      SignalReplay replay =
          new SignalReplay(
              c.signals(), new StreamKeys(prefix, c.stream().partitions()), prefix, redis::send);
      return print(replay.run(from, to, compare).await(10, TimeUnit.MINUTES));
    } finally {
      vertx.close().await(10, TimeUnit.SECONDS);
    }
  }

  private int print(SignalReplay.Result r) {
    PrintWriter out = spec.commandLine().getOut();
    for (Signal s : r.signals()) {
      out.println(s.event().getString("time") + " " + s.type() + " " + s.id());
    }
    out.println("replayed " + r.events() + " events: " + r.signals().size() + " signals");
    if (compare) {
      r.missing().forEach(id -> out.println("missing from the live run: " + id));
      r.extra().forEach(id -> out.println("only in the live run: " + id));
      out.println(
          r.same() ? "same signals as the live run (" + r.live().size() + ")" : "signals differ");
    }
    out.flush();
    return compare && !r.same() ? 1 : 0;
  }
}
