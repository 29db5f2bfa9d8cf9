package cn.gov12345.intake.http;

import cn.gov12345.intake.config.Cidr;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's IP address behind reverse proxies. {@code X-Forwarded-For} is believed only when the
 * TCP peer is a configured trusted proxy ({@code http.trustedProxies}); the list is then read from
 * the right, skipping trusted proxies, and the first other address is the client. A client cannot
 * pick its own address by sending the header: without a trusted peer the header is ignored, and
 * addresses left of an untrusted hop are never read.
 */
public final class ClientAddress {

  private final List<Cidr> trusted;

  public ClientAddress(List<String> trustedProxies) {
    this.trusted = trustedProxies.stream().map(c -> Cidr.parse(c).orElseThrow()).toList();
  }

  /** The client address of a request (an IP literal). */
  public String of(HttpServerRequest request) {
    String peer = request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress();
    return of(peer, request.headers().getAll("X-Forwarded-For"));
  }

  /** The client address given the TCP peer and every {@code X-Forwarded-For} header value. */
  public String of(String peer, List<String> forwardedFor) {
    if (!isTrusted(peer)) {
      return peer;
    }
    List<String> hops = new ArrayList<>();
    for (String header : forwardedFor) {
      for (String hop : header.split(",")) {
        if (!hop.isBlank()) {
          hops.add(hop.strip());
        }
      }
    }
    String client = peer;
    for (int i = hops.size() - 1; i >= 0; i--) {
      String hop = hops.get(i);
      if (Cidr.parse(hop).isEmpty()) {
        // not an address: stop at the last one the trusted proxies vouched for
        return client;
      }
      client = hop;
      if (!isTrusted(hop)) {
        return hop;
      }
    }
    return client;
  }

  private boolean isTrusted(String address) {
    return trusted.stream().anyMatch(c -> c.contains(address));
  }
}
