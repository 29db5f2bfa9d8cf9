package cn.gov12345.intake.channel.open311.io;

import cn.gov12345.intake.channel.open311.Open311Channel;
import cn.gov12345.intake.channel.open311.Open311Query;
import cn.gov12345.intake.model.TrackingNumbers;
import cn.gov12345.intake.status.StatusStore;
import cn.gov12345.intake.status.TicketRecord;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Status of a client's service requests, from each ticket's status record. Another client's, an
 * unknown or an expired request yields no row (never an error that tells them apart).
 */
final class Open311Lookups {

  private final Open311Channel channel;
  private final StatusStore store;

  Open311Lookups(Open311Channel channel, StatusStore store) {
    this.channel = channel;
    this.store = store;
  }

  /** The rows of the asked-for requests that are this client's, in the order asked. */
  Future<List<Map<String, Object>>> rows(Open311Query query) {
    List<Future<Map<String, Object>>> found = new ArrayList<>();
    query.ids().forEach(id -> found.add(find(query.client(), id)));
    return Future.all(found)
        .map(
            all -> {
              List<Map<String, Object>> rows = new ArrayList<>();
              for (int i = 0; i < found.size(); i++) {
                Map<String, Object> row = all.resultAt(i);
                if (row != null) {
                  rows.add(row);
                }
              }
              return rows;
            });
  }

  private Future<Map<String, Object>> find(String client, String id) {
    if (!TrackingNumbers.isValid(id)) {
      return Future.succeededFuture(null);
    }
    return store
        .find(id)
        .map(
            r ->
                r == null || !r.channel().equals(Open311Channel.NAME) || !r.account().equals(client)
                    ? null
                    : row(r));
  }

  private Map<String, Object> row(TicketRecord r) {
    String reply = r.latest("reply");
    String service = r.record().path("service").asText(null);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("service_request_id", r.trackingNumber());
    row.put("status", "closed".equals(r.status()) ? "closed" : "open");
    row.put("service_code", service);
    row.put("service_name", channel.serviceName(service));
    row.put("status_notes", reply != null ? reply : r.latest("note"));
    row.put("agency_responsible", r.latest("department"));
    row.put("service_notice", null);
    row.put("requested_datetime", r.openedAt());
    row.put("updated_datetime", r.updatedAt());
    row.put("expected_datetime", null);
    return row;
  }
}
