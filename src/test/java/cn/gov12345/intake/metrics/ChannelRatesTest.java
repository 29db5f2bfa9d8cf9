package cn.gov12345.intake.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChannelRatesTest {

  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final AtomicLong clock = new AtomicLong(1_000_000);
  final ChannelRates rates = new ChannelRates(registry, clock::get, 300_000);

  void count(String name, String channel, String... tags) {
    registry.counter(name, concat(channel, tags)).increment();
  }

  static String[] concat(String channel, String... tags) {
    String[] all = new String[2 + tags.length];
    all[0] = "channel";
    all[1] = channel;
    System.arraycopy(tags, 0, all, 2, tags.length);
    return all;
  }

  @Test
  void totalsSumRefusalsOverTheirCodesPerChannel() {
    count(ChannelRates.ACCEPTED, "webhook");
    count(ChannelRates.DUPLICATE, "webhook");
    count(ChannelRates.REFUSED, "webhook", "code", "malformed_json");
    count(ChannelRates.REFUSED, "webhook", "code", "bad_signature");
    count(ChannelRates.ACCEPTED, "wechat");

    ChannelRates.Rate webhook = rates.now().channels().get("webhook");

    assertThat(webhook.accepted()).isEqualTo(1);
    assertThat(webhook.duplicate()).isEqualTo(1);
    assertThat(webhook.refused()).isEqualTo(2);
    assertThat(rates.now().channels()).containsOnlyKeys("webhook", "wechat");
  }

  @Test
  void ratesArePerMinuteAgainstTheSnapshotOneWindowAgo() {
    rates.sample();
    for (int i = 0; i < 10; i++) {
      count(ChannelRates.ACCEPTED, "app");
    }
    clock.addAndGet(120_000);

    ChannelRates.Rates now = rates.now();

    assertThat(now.windowSeconds()).isEqualTo(120);
    assertThat(now.channels().get("app").acceptedPerMinute()).isEqualTo(5.0);
  }

  @Test
  void snapshotsOlderThanTheWindowAreDroppedSoOldTrafficLeavesTheRate() {
    for (int i = 0; i < 60; i++) {
      count(ChannelRates.ACCEPTED, "app");
    }
    rates.sample();
    for (int t = 0; t < 40; t++) {
      clock.addAndGet(ChannelRates.SAMPLE_MILLIS);
      rates.sample();
    }

    ChannelRates.Rates now = rates.now();

    assertThat(now.windowSeconds()).isEqualTo(300);
    assertThat(now.channels().get("app").accepted()).isEqualTo(60);
    assertThat(now.channels().get("app").acceptedPerMinute()).isZero();
  }

  @Test
  void beforeAnySampleTheRatesAreZeroNotInfinite() {
    count(ChannelRates.ACCEPTED, "web");

    assertThat(rates.now().channels().get("web").acceptedPerMinute()).isZero();
  }
}
