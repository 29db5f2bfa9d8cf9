package cn.gov12345.intake.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The scripts as Redis runs them: includes resolve, and no script builds a key name itself (a key a
 * script derives instead of receiving it in KEYS may sit in another Cluster slot).
 */
class LuaScriptSourcesTest {

  /** A key derived from another: slicing or concatenating a KEYS entry, or a call on a literal. */
  private static final Pattern DERIVED_KEY =
      Pattern.compile(
          "string\\.sub\\(KEYS|KEYS\\[\\d+\\]\\s*\\.\\.|redis\\.call\\('[A-Z]+',\\s*'[^']*:");

  static List<String> scripts() throws IOException, URISyntaxException {
    Path dir = Path.of(LuaScript.class.getResource("/lua").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".lua"))
          .map(n -> n.substring(0, n.length() - 4))
          .sorted()
          .toList();
    }
  }

  @ParameterizedTest
  @MethodSource("scripts")
  void everyIncludeResolvesAndNoKeyIsDerived(String name) {
    String source = LuaScript.source(name);
    assertThat(source).doesNotContain("--#include");
    assertThat(DERIVED_KEY.matcher(source).find())
        .as("%s.lua derives a key name instead of taking it from KEYS", name)
        .isFalse();
  }

  /** The first argument of a redis.call: the key it touches (or an uppercase subcommand). */
  private static final Pattern CALL_KEY =
      Pattern.compile("redis\\.p?call\\('([A-Za-z]+)',\\s*((?:'[A-Z]+',\\s*)?)([^,)]+)");

  /** Commands that name no key. */
  private static final java.util.Set<String> KEYLESS = java.util.Set.of("INFO", "TIME");

  private static final Pattern FROM_KEYS = Pattern.compile("KEYS\\[[^\\]]+\\]");

  /**
   * No script touches a key it does not receive in KEYS: every key a command names is a {@code
   * KEYS[…]} entry, a local bound to one ({@code local call = KEYS[1]}), or a parameter of a shared
   * function whose callers pass KEYS entries. (A key built from ARGV or from what the script read
   * may sit in another slot; a Cluster refuses it or, worse, runs it on the wrong shard.)
   */
  @ParameterizedTest
  @MethodSource("scripts")
  void everyKeyAScriptTouchesComesFromKeys(String name) {
    String source = LuaScript.source(name);
    Matcher call = CALL_KEY.matcher(source);
    while (call.find()) {
      if (KEYLESS.contains(call.group(1))) {
        continue;
      }
      String key = call.group(3).trim();
      boolean declared =
          FROM_KEYS.matcher(key).matches()
              || Pattern.compile("local " + Pattern.quote(key) + " = KEYS\\[")
                  .matcher(source)
                  .find()
              || Pattern.compile("function [a-z_]+\\([^)]*\\b" + Pattern.quote(key) + "\\b")
                  .matcher(source)
                  .find();
      assertThat(declared)
          .as("%s.lua: %s touches %s, which is not one of its KEYS", name, call.group(1), key)
          .isTrue();
    }
  }

  @Test
  void theUndeclaredKeyGuardCatchesAKeyBuiltFromArgv() {
    Matcher call = CALL_KEY.matcher("redis.call('SREM', ARGV[3] .. 'refs:' .. sha, ARGV[1])");
    assertThat(call.find()).isTrue();
    assertThat(FROM_KEYS.matcher(call.group(3).trim()).matches()).isFalse();
  }

  @Test
  void theTicketRuleHasOneSource() {
    for (String name : List.of("accept", "conversation", "call")) {
      String source = LuaScript.source(name);
      assertThat(source).contains("local function ticket_draw(");
      assertThat(source.split("redis.call\\('INCR'", -1)).as(name).hasSize(2);
    }
  }

  @Test
  void theGuardCatchesTheSlicingItReplaced() {
    assertThat(
            DERIVED_KEY
                .matcher("local status_key = string.sub(KEYS[3], 1, -8) .. 'status:' .. day")
                .find())
        .isTrue();
    assertThat(DERIVED_KEY.matcher("redis.call('HSET', KEYS[3] .. ':x', 'f', 1)").find()).isTrue();
  }
}
