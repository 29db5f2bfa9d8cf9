package cn.gov12345.intake.channel.open311;

import java.util.List;

/**
 * A read of service requests: the authenticated client, the tracking numbers asked for, the answer
 * format, and whether one request was named by its URL ({@code requests/{id}.json}: 404 when it is
 * not this client's).
 */
public record Open311Query(String client, List<String> ids, Open311Format format, boolean single) {

  public Open311Query {
    ids = List.copyOf(ids);
  }
}
