package cn.gov12345.intake.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
