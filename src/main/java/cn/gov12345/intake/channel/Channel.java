package cn.gov12345.intake.channel;

import java.util.List;

/**
 * A channel: one way citizens reach the hotline, with its own protocol. It declares its HTTP
 * endpoints; for each, it reads a request into what the gateway must do (pure: no Redis, no HTTP
 * client, no clock of its own) and renders its own answer once that is done. The one door ({@code
 * http/ChannelDoor}) mounts every endpoint and does everything a channel does not: limits, the
 * correlation id, the client address, the I/O step, failures.
 */
public interface Channel {

  /** The channel's name in metrics, logs and {@code channels/<name>/}. */
  String name();

  /** Every endpoint of the channel, in mounting order (a more specific path before a wildcard). */
  List<Endpoint<?, ?>> endpoints();
}
