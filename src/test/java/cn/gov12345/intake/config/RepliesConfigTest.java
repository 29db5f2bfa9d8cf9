package cn.gov12345.intake.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import cn.gov12345.intake.model.EventTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepliesConfigTest {

  @TempDir Path dir;
  final Map<String, String> env = new HashMap<>();

  GatewayConfig load(String yaml) throws IOException {
    Path file = dir.resolve("gateway.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return new ConfigLoader(env::get).load(file);
  }

  @Test
  void repliesAreOffByDefaultAndTheDefaultsAreZhCnWithACallbackAtTheEndOfEveryChain()
      throws IOException {
    GatewayConfig config = new ConfigLoader(env::get).load(null);
    RepliesConfig r = config.replies();
    assertThat(r.enabled()).isFalse();
    assertThat(r.receipts()).containsExactly("telephony");
    assertThat(r.templates().get("receipt")).contains("{trackingNumber}", "{queryCode}");
    assertThat(r.chains().values())
        .allMatch(chain -> chain.get(chain.size() - 1).equals("callback"));
    assertThat(r.chain("unknown-channel")).containsExactly("callback");
    assertThat(r.notifications())
        .containsEntry("dispatched", true)
        .containsEntry("in_progress", false);
  }

  @Test
  void theBuiltInDestinationReadsOpeningsStatusReportsAndRequests() throws IOException {
    RepliesConfig r = load("replies:\n  enabled: true\n").replies();
    DestinationConfig d = r.destination();
    assertThat(d.eventTypes())
        .containsExactly(
            EventTypes.TICKET_OPENED, EventTypes.TICKET_STATUS, EventTypes.REPLY_REQUESTED);
    assertThat(d.requestTimeout()).isEqualTo(r.requestTimeout().multipliedBy(5));
  }

  @Test
  void anUnknownSenderABadZoneAndADestinationNamedRepliesAreAllReported() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                load(
                    "replies:\n"
                        + "  enabled: true\n"
                        + "  chains: { wechat: [wechat_custom, pigeon] }\n"
                        + "  quietHours: { zone: Mars/Olympus, start: \"25:00\" }\n"
                        + "delivery:\n"
                        + "  destinations:\n"
                        + "    replies:\n"
                        + "      url: http://127.0.0.1:9/x\n"
                        + "      secrets: [ \"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\" ]\n"));
    String all = String.join("\n", e.problems());
    assertThat(all).contains("replies.chains.wechat", "pigeon");
    assertThat(all).contains("replies.quietHours.zone", "25:00");
    assertThat(all).contains("delivery.destinations.replies");
  }

  @Test
  void aChainMayBeShortenedPerChannel() throws IOException {
    RepliesConfig r =
        load("replies:\n  enabled: true\n  chains: { telephony: [callback] }\n").replies();
    assertThat(r.chain("telephony")).isEqualTo(List.of("callback"));
    assertThat(r.chain("wechat")).startsWith("wechat_custom");
  }
}
