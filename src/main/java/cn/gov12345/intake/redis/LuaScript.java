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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /**
   * Loads a script from the class path ({@code /lua/NAME.lua}); a line {@code --#include LIB} is
   * replaced by {@code /lua/lib/LIB.lua}, so scripts share their common blocks from one source
   * (EVALSHA scripts cannot call each other).
   */
  public static LuaScript load(String name) {
    return new LuaScript(source(name));
  }

  /** The text of a script with its includes spliced in (what Redis runs). */
  public static String source(String name) {
    String text = resource("/lua/" + name + ".lua");
    Matcher include = INCLUDE.matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 4096);
    while (include.find()) {
      String lib = resource("/lua/lib/" + include.group(1) + ".lua");
      include.appendReplacement(out, Matcher.quoteReplacement(lib.stripTrailing()));
    }
    include.appendTail(out);
    return out.toString();
  }

  private static final Pattern INCLUDE =
      Pattern.compile("^--#include ([a-z_]+)[ \\t]*$", Pattern.MULTILINE);

  private static String resource(String path) {
    try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("script " + path + " is missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("script " + path + " is unreadable", e);
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
