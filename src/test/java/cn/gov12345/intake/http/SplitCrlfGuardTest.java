package cn.gov12345.intake.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** No body chunk reaches Vert.x ending with a CR, and the body's bytes stay exactly as sent. */
class SplitCrlfGuardTest {

  private static final String BODY = "--b\r\nname=\"a\"\r\n\r\nbar\r\n--b--\r\n";

  @Test
  void everySplitOfABodyArrivesWithTheSameBytesAndNoChunkEndsWithACr() {
    for (int cut = 1; cut < BODY.length(); cut++) {
      List<String> chunks = run(BODY.substring(0, cut), BODY.substring(cut));
      assertThat(String.join("", chunks)).as("cut at %d", cut).isEqualTo(BODY);
      for (int i = 0; i < chunks.size() - 1; i++) {
        assertThat(chunks.get(i)).as("cut at %d, chunk %d", cut, i).doesNotEndWith("\r");
      }
    }
  }

  @Test
  void aCrHeldBackBeforeTheLastChunkTravelsWithIt() {
    assertThat(run("bar\r", "")).containsExactly("bar", "\r");
  }

  @Test
  void chunksWithoutATrailingCrPassUntouched() {
    EmbeddedChannel channel = new EmbeddedChannel(new SplitCrlfGuard());
    HttpContent sent = new DefaultHttpContent(Unpooled.copiedBuffer("bar\r\nx", ISO_8859_1));
    channel.writeInbound(sent);
    assertThat((Object) channel.readInbound()).isSameAs(sent);
    sent.release();
  }

  private static List<String> run(String first, String last) {
    EmbeddedChannel channel = new EmbeddedChannel(new SplitCrlfGuard());
    channel.writeInbound(new DefaultHttpContent(Unpooled.copiedBuffer(first, ISO_8859_1)));
    channel.writeInbound(new DefaultLastHttpContent(Unpooled.copiedBuffer(last, ISO_8859_1)));
    List<String> out = new ArrayList<>();
    for (Object m = channel.readInbound(); m != null; m = channel.readInbound()) {
      HttpContent c = (HttpContent) m;
      out.add(c.content().toString(ISO_8859_1));
      if (m instanceof LastHttpContent) {
        assertThat(out).isNotEmpty();
      }
      c.release();
    }
    return out;
  }
}
