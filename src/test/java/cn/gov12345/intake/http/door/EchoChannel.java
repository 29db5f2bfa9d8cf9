package cn.gov12345.intake.http.door;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.channel.Ack;
import cn.gov12345.intake.channel.Body;
import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A trivial channel, as a new contributor would add one: one endpoint that takes a line of text
 * from a configured sender and answers in its own plain-text format.
 */
final class EchoChannel implements Channel {

  static final String NAME = "echo";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Endpoint<?, ?>> endpoints() {
    return List.of(lines());
  }

  Endpoint<String, Accepted> lines() {
    return Endpoint.of(
        "POST",
        "/channels/echo/:sender",
        Body.buffered(64),
        head -> {
          if (!"known".equals(head.pathParam("sender"))) {
            throw new ChannelException(ErrorCode.UNKNOWN_SOURCE, "No such echo sender.");
          }
        },
        request -> {
          String text = new String(request.body(), StandardCharsets.UTF_8).strip();
          if (text.isEmpty()) {
            throw new ChannelException(ErrorCode.INVALID_SUBMISSION, "Send a line of text.");
          }
          return text;
        },
        (text, accepted) -> Ack.of(202, "text/plain", "OK " + accepted.messageId() + " " + text));
  }
}
