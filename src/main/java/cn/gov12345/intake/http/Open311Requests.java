package cn.gov12345.intake.http;

import cn.gov12345.intake.channel.open311.FormBody;
import cn.gov12345.intake.channel.open311.Open311Channel;
import cn.gov12345.intake.channel.open311.Open311Format;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.status.StatusStore;
import cn.gov12345.intake.status.TicketRecord;
import cn.gov12345.intake.stream.TrackingNumbers;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code GET requests/{id}} and {@code GET requests?service_request_id=a,b}: status from the
 * ticket's status record, for the client that filed the request. The request itself (description,
 * address, coordinates, media, contact) is never echoed: these are answers about a citizen's appeal
 * on a public port.
 */
final class Open311Requests {

  static final int MAX_IDS = 50;
  private static final Pattern FILE = Pattern.compile("(\\d{15,20})\\.(json|xml)");

  private final Open311Channel channel;
  private final StatusStore store;

  Open311Requests(Open311Channel channel, StatusStore store) {
    this.channel = channel;
    this.store = store;
  }

  void one(RoutingContext ctx) {
    Matcher m = FILE.matcher(ctx.pathParam("file"));
    if (!m.matches()) {
      throw notFound();
    }
    Open311Format format = Open311Format.of(m.group(2));
    String client = channel.authenticate(query(ctx).single("api_key"));
    find(client, m.group(1))
        .onSuccess(
            row -> {
              if (row == null) {
                ctx.fail(notFound());
              } else {
                send(ctx, format, List.of(row));
              }
            })
        .onFailure(ctx::fail);
  }

  void list(RoutingContext ctx, Open311Format format) {
    FormBody query = query(ctx);
    String client = channel.authenticate(query.single("api_key"));
    String ids = query.single("service_request_id");
    if (ids == null) {
      throw new ChannelException(
          ErrorCode.MISSING_PARAMETER,
          "service_request_id is required (a comma-separated list; requests are not listed).");
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String id : ids.split(",", -1)) {
      if (!id.isBlank()) {
        wanted.add(id.strip());
      }
    }
    if (wanted.size() > MAX_IDS) {
      throw new ChannelException(
          ErrorCode.INVALID_PARAMETER, "At most " + MAX_IDS + " service_request_ids at once.");
    }
    List<Future<Map<String, Object>>> found = new ArrayList<>();
    wanted.forEach(id -> found.add(find(client, id)));
    Future.all(found)
        .onSuccess(
            all -> {
              List<Map<String, Object>> rows = new ArrayList<>();
              for (int i = 0; i < found.size(); i++) {
                Map<String, Object> row = all.resultAt(i);
                if (row != null) {
                  rows.add(row);
                }
              }
              send(ctx, format, rows);
            })
        .onFailure(ctx::fail);
  }

  /** The row of one request of this client, or null (unknown, expired or another's). */
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
                    : row(r, channel));
  }

  static Map<String, Object> row(TicketRecord r, Open311Channel channel) {
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

  private static FormBody query(RoutingContext ctx) {
    String raw = ctx.request().query();
    return FormBody.parse(raw == null ? "" : raw);
  }

  private static void send(
      RoutingContext ctx, Open311Format format, List<Map<String, Object>> rows) {
    ctx.response()
        .putHeader("Content-Type", format.contentType())
        .putHeader("Cache-Control", "no-store")
        .end(format.write("service_requests", "request", rows));
  }

  private static ChannelException notFound() {
    return new ChannelException(ErrorCode.NOT_FOUND, "service_request_id was not found.");
  }
}
