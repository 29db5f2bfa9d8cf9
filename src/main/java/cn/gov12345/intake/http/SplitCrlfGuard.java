package cn.gov12345.intake.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Works around Netty's multipart decoder corrupting a part when a body chunk ends exactly between
 * the CR and the LF before the next boundary: the decoder keeps that CR as the part's last byte
 * (netty/netty#17383, open in the 4.2 line Vert.x 5.1.6 uses), so a citizen's photo or a form field
 * silently gains a {@code \r}. Seen here in {@code ChannelDoorContractIT}: a 120-byte PNG stored as
 * 121 bytes. This handler sits in front of Vert.x's on every connection and never lets a body chunk
 * end with a CR: the CR is held back and sent at the start of the next chunk (or with the last
 * one). The bytes of every body are unchanged, only a chunk boundary moves by one byte; chunks that
 * do not end with a CR pass through untouched (no copy).
 */
final class SplitCrlfGuard extends ChannelInboundHandlerAdapter {

  static final String NAME = "intakeSplitCrlfGuard";
  private static final byte CR = '\r';

  private boolean holding;

  /** Puts a guard in front of Vert.x's handler of an HTTP/1.x connection. */
  static void install(HttpConnection connection) {
    if (connection instanceof ConnectionBase base
        && base.channelHandlerContext().pipeline().get("handler") != null
        && base.channelHandlerContext().pipeline().get(NAME) == null) {
      base.channelHandlerContext().pipeline().addBefore("handler", NAME, new SplitCrlfGuard());
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpContent content)) {
      holding = false;
      ctx.fireChannelRead(msg);
      return;
    }
    ByteBuf bytes = content.content();
    boolean last = msg instanceof LastHttpContent;
    boolean endsWithCr =
        !last && bytes.isReadable() && bytes.getByte(bytes.writerIndex() - 1) == CR;
    if (!holding && !endsWithCr) {
      ctx.fireChannelRead(msg);
      return;
    }
    int keep = bytes.readableBytes() - (endsWithCr ? 1 : 0);
    ByteBuf out = ctx.alloc().buffer(keep + 1);
    if (holding) {
      out.writeByte(CR);
    }
    out.writeBytes(bytes, bytes.readerIndex(), keep);
    holding = endsWithCr;
    HttpContent replaced =
        last
            ? new DefaultLastHttpContent(out, ((LastHttpContent) msg).trailingHeaders())
            : new DefaultHttpContent(out);
    content.release();
    ctx.fireChannelRead(replaced);
  }
}
