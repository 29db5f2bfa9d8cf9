package cn.gov12345.intake.redis;

import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Function;

/**
 * A Lua script run with EVALSHA; when Redis has lost its script cache (restart, failover, SCRIPT
 * FLUSH) it answers NOSCRIPT and the script is sent once with EVAL, which caches it again.
 */
public final class LuaScript {

  private final String source;
  private final String sha;

  private LuaScript(String source) {
    this.source = source;
    try {
      this.sha =
          HexFormat.of()
              .formatHex(
                  MessageDigest.getInstance("SHA-1")
                      .digest(source.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }

  /** Loads a script from the class path ({@code /lua/NAME.lua}). */
  public static LuaScript load(String name) {
    try (InputStream in = LuaScript.class.getResourceAsStream("/lua/" + name + ".lua")) {
      if (in == null) {
        throw new IllegalStateException("script " + name + ".lua is missing from the class path");
      }
      return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("script " + name + ".lua is unreadable", e);
    }
  }

  public String sha() {
    return sha;
  }

  /**
   * Runs the script.
   *
   * @param keys the KEYS
   * @param args adds ARGV to a request that already holds the script reference and KEYS
   * @param sender sends one request (a pipelined connection or a pooled client)
   */
  public Future<Response> run(
      String[] keys, Function<Request, Request> args, Function<Request, Future<Response>> sender) {
    return sender
        .apply(args.apply(withKeys(Request.cmd(Command.EVALSHA).arg(sha), keys)))
        .recover(
            err ->
                isNoScript(err)
                    ? sender.apply(
                        args.apply(withKeys(Request.cmd(Command.EVAL).arg(source), keys)))
                    : Future.failedFuture(err));
  }

  private static Request withKeys(Request request, String[] keys) {
    request.arg(keys.length);
    for (String key : keys) {
      request.arg(key);
    }
    return request;
  }

  private static boolean isNoScript(Throwable err) {
    return err instanceof ErrorType e && e.is("NOSCRIPT");
  }
}
