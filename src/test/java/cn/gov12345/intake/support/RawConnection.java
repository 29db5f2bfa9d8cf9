package cn.gov12345.intake.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain TCP connection to a gateway port, for clients that misbehave below HTTP: a head sent one
 * byte at a time, a body that stops, a keep-alive connection left idle.
 */
public final class RawConnection implements AutoCloseable {

  private static final int POLL_MILLIS = 50;

  private final Socket socket;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();
  private boolean closedByServer;

  private RawConnection(Socket socket) {
    this.socket = socket;
  }

  /** Connects to 127.0.0.1:{@code port}. */
  public static RawConnection open(int port) {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(POLL_MILLIS);
      return new RawConnection(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Sends text (ISO-8859-1, as an HTTP head is); false when the server has closed the connection.
   */
  public boolean send(String text) {
    try {
      socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      return true;
    } catch (IOException e) {
      closedByServer = true;
      return false;
    }
  }

  /**
   * Reads whatever arrives for up to {@code within}; true as soon as the server closes the
   * connection (end of stream or reset).
   */
  public boolean closedWithin(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    byte[] chunk = new byte[8192];
    while (!closedByServer && System.nanoTime() < deadline) {
      try {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        socket.setSoTimeout((int) Math.max(1, Math.min(POLL_MILLIS, left)));
        InputStream in = socket.getInputStream();
        int n = in.read(chunk);
        if (n < 0) {
          closedByServer = true;
        } else {
          received.write(chunk, 0, n);
        }
      } catch (SocketTimeoutException stillOpen) {
        // nothing yet: poll again
      } catch (IOException reset) {
        closedByServer = true;
      }
    }
    return closedByServer;
  }

  /** Everything the server sent so far. */
  public String received() {
    return received.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }
}
