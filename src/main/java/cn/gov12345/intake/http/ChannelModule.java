package cn.gov12345.intake.http;

import cn.gov12345.intake.channel.Channel;
import java.util.List;

/**
 * A channel with its I/O half: the pure {@link Channel} and, for each event loop, its endpoints
 * bound to the stores and pipelines of that loop. One line in the registry adds one.
 */
public interface ChannelModule {

  Channel channel();

  /** The channel's endpoints bound to this event loop's I/O (no connection crosses loops). */
  List<Binding<?, ?>> bind(Loop loop);
}
