package cn.gov12345.intake.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A minimal Server-Sent Events client for tests: every line the server sends, in a queue. */
public final class SseClient implements AutoCloseable {

  /** Put in the queue when the server ended the stream. */
  public static final String END = "\u0000end";

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final HttpResponse<InputStream> response;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

  /** One event: its {@code id:} and its {@code data:}. */
  public record Event(String id, String data) {}

  private SseClient(HttpResponse<InputStream> response) {
    this.response = response;
    Thread reader = new Thread(this::read, "sse-client");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens a stream; {@code lastEventId} may be null. */
  public static SseClient open(String url, String key, String lastEventId) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
    if (key != null) {
      request.header("Authorization", "Bearer " + key);
    }
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    try {
      return new SseClient(HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  public int status() {
    return response.statusCode();
  }

  public HttpResponse<InputStream> response() {
    return response;
  }

  private void read() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lines.add(line);
      }
    } catch (IOException e) {
      // closed by the test or the server: the end marker follows
    }
    lines.add(END);
  }

  /** The next line, or null after the timeout. */
  public String nextLine(Duration timeout) throws InterruptedException {
    return lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Every line until the server ends the response (an error body), joined. */
  public String rest(Duration timeout) throws InterruptedException {
    StringBuilder out = new StringBuilder();
    for (String line = nextLine(timeout);
        line != null && !line.equals(END);
        line = nextLine(timeout)) {
      out.append(line).append('\n');
    }
    return out.toString();
  }

  /** The next event (skipping comments and other fields), or null on timeout or end. */
  public Event nextEvent(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String id = null;
    StringBuilder data = null;
    while (System.nanoTime() < deadline) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null || line.equals(END)) {
        return null;
      }
      if (line.startsWith("id: ")) {
        id = line.substring(4);
      } else if (line.startsWith("data: ")) {
        data = data == null ? new StringBuilder() : data.append('\n');
        data.append(line.substring(6));
      } else if (line.isEmpty() && data != null) {
        return new Event(id, data.toString());
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    response.body().close();
  }
}
