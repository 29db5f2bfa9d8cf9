package cn.gov12345.intake;

import cn.gov12345.intake.channel.webhook.io.WebhookModule;
import cn.gov12345.intake.http.ChannelDoor;
import cn.gov12345.intake.http.ChannelModule;
import java.util.List;

/**
 * Every channel the one door mounts, one line each, built once at start-up. Two endpoints claiming
 * one method and path refuse to start (see {@link ChannelDoor#routes}).
 */
final class ChannelRegistry {

  private ChannelRegistry() {}

  static List<ChannelModule> modules(Services services) {
    List<ChannelModule> modules = List.of(new WebhookModule(services.webhook()));
    ChannelDoor.routes(modules);
    return modules;
  }
}
