package cn.gov12345.intake.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy in front of a test gateway that can drop a connection in the middle of a request, as
 * a phone losing its network does: {@link #cutAfter} forwards that many more bytes from the client,
 * then closes both sides of the connection that carried them.
 */
public final class CuttingProxy implements AutoCloseable {

  private final ServerSocket server;
  private final int upstreamPort;
  private final AtomicLong budget = new AtomicLong(-1);

  public CuttingProxy(int upstreamPort) {
    this.upstreamPort = upstreamPort;
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accept = new Thread(this::accept, "cutting-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  /** The proxy's base URL. */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Forwards {@code bytes} more bytes from clients, then drops the connection carrying them. */
  public void cutAfter(long bytes) {
    budget.set(bytes);
  }

  /** Whether the armed cut happened. */
  public boolean cut() {
    return budget.get() < 0;
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        pump(client, upstream, true);
        pump(upstream, client, false);
      } catch (IOException e) {
        // closed
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                  int forward = fromClient ? allowance(n) : n;
                  out.write(buf, 0, forward);
                  out.flush();
                  if (forward < n || fromClient && budget.get() == 0) {
                    budget.set(-1);
                    break;
                  }
                }
              } catch (IOException e) {
                // the other side went away
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "cutting-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private int allowance(int n) {
    long left = budget.get();
    if (left < 0) {
      return n;
    }
    int forward = (int) Math.min(n, left);
    budget.set(left - forward);
    return forward;
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
