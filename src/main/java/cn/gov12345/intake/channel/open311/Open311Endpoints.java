package cn.gov12345.intake.channel.open311;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.channel.Ack;
import cn.gov12345.intake.channel.Body;
import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.channel.InboundRequest;
import cn.gov12345.intake.channel.Refusal;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.json.ContentTypes;
import cn.gov12345.intake.model.Inbound;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Open311 GeoReport v2 under {@code /open311/v2/}: {@code services}, {@code POST requests}, {@code
 * GET requests/{id}} and {@code GET requests?service_request_id=…}, each as {@code .json} or {@code
 * .xml}. Refusals answer in the GeoReport error array, and a missing or wrong {@code api_key} is
 * 403 as the spec has it. The request itself (description, address, media, contact) is never
 * echoed: these are answers about a citizen's appeal on a public port.
 */
final class Open311Endpoints {

  static final String BASE = "/open311/v2";
  static final int MAX_IDS = 50;
  private static final Pattern FILE = Pattern.compile("(\\d{15,20})\\.(json|xml)");

  private Open311Endpoints() {}

  static List<Endpoint<?, ?>> all(Open311Channel channel) {
    List<Endpoint<?, ?>> all = new ArrayList<>();
    for (Open311Format format : Open311Format.values()) {
      all.add(services(channel, format));
      all.add(create(channel, format));
      all.add(list(channel, format));
    }
    all.add(one(channel));
    all.add(nothingElse());
    return List.copyOf(all);
  }

  static Endpoint<Open311Format, Open311Format> services(
      Open311Channel channel, Open311Format format) {
    return Endpoint.<Open311Format, Open311Format>of(
            "GET",
            BASE + "/services." + format.suffix(),
            Body.none(),
            Endpoint::noCheck,
            r -> format,
            (f, same) ->
                Ack.of(200, f.contentType(), f.write("services", "service", channel.services())))
        .refusingWith(Open311Endpoints::refusal);
  }

  static Endpoint<Inbound, Accepted> create(Open311Channel channel, Open311Format format) {
    return Endpoint.<Inbound, Accepted>of(
            "POST",
            BASE + "/requests." + format.suffix(),
            Body.buffered(channel.maxBodyBytes()),
            Open311Endpoints::checkForm,
            r -> {
              FormBody form = FormBody.parse(r.body());
              String client = channel.authenticate(form.single("api_key"));
              return channel.accept(client, form, r.header("Idempotency-Key"));
            },
            (inbound, accepted) -> created(format, accepted))
        .refusingWith(Open311Endpoints::refusal);
  }

  static Endpoint<Open311Query, List<Map<String, Object>>> list(
      Open311Channel channel, Open311Format format) {
    return Endpoint.<Open311Query, List<Map<String, Object>>>of(
            "GET",
            BASE + "/requests." + format.suffix(),
            Body.none(),
            Endpoint::noCheck,
            r -> listQuery(channel, format, r),
            Open311Endpoints::rows)
        .refusingWith(Open311Endpoints::refusal);
  }

  static Endpoint<Open311Query, List<Map<String, Object>>> one(Open311Channel channel) {
    return Endpoint.<Open311Query, List<Map<String, Object>>>of(
            "GET",
            BASE + "/requests/:file",
            Body.none(),
            Endpoint::noCheck,
            r -> {
              Matcher m = FILE.matcher(r.pathParam("file"));
              if (!m.matches()) {
                throw notFound();
              }
              String client = channel.authenticate(query(r).single("api_key"));
              return new Open311Query(
                  client, List.of(m.group(1)), Open311Format.of(m.group(2)), true);
            },
            Open311Endpoints::rows)
        .refusingWith(Open311Endpoints::refusal);
  }

  /** Any other address under the base is a GeoReport 404. */
  static Endpoint<Void, Void> nothingElse() {
    return Endpoint.<Void, Void>of(
            Endpoint.ANY_METHOD,
            BASE + "/*",
            Body.none(),
            head -> {
              throw new ChannelException(ErrorCode.NOT_FOUND, "No such Open311 resource.");
            },
            r -> null,
            (v, w) -> Ack.empty(404))
        .refusingWith(Open311Endpoints::refusal);
  }

  private static void checkForm(InboundRequest head) {
    if (!ContentTypes.isUtf8(head.header("Content-Type"), "application/x-www-form-urlencoded")) {
      throw new ChannelException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Send the request as application/x-www-form-urlencoded in UTF-8.");
    }
  }

  private static Open311Query listQuery(
      Open311Channel channel, Open311Format format, InboundRequest r) {
    FormBody query = query(r);
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
    return new Open311Query(client, List.copyOf(wanted), format, false);
  }

  private static Ack rows(Open311Query query, List<Map<String, Object>> rows) {
    if (query.single() && rows.isEmpty()) {
      throw notFound();
    }
    return Ack.of(
            200,
            query.format().contentType(),
            query.format().write("service_requests", "request", rows))
        .with("Cache-Control", "no-store");
  }

  private static Ack created(Open311Format format, Accepted accepted) {
    String number = accepted.trackingNumber();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("service_request_id", number);
    row.put(
        "service_notice",
        "已受理，受理编号 " + number + "，查询码 " + accepted.queryCode() + "。凭受理编号和查询码可查询办理进度。");
    row.put("account_id", null);
    return Ack.of(
        accepted.duplicate() ? 200 : 201,
        format.contentType(),
        format.write("service_requests", "request", List.of(row)));
  }

  /** A refusal in the GeoReport error format of the path's suffix. */
  static Ack refusal(Refusal refusal) {
    int status = refusal.code() == ErrorCode.INVALID_API_KEY ? 403 : refusal.code().status();
    Open311Format format = Open311Format.of(refusal.path().endsWith(".xml") ? "xml" : "json");
    return Ack.of(status, format.contentType(), format.error(status, refusal.detail()));
  }

  private static FormBody query(InboundRequest r) {
    int q = r.uri().indexOf('?');
    return FormBody.parse(q < 0 ? "" : r.uri().substring(q + 1));
  }

  private static ChannelException notFound() {
    return new ChannelException(ErrorCode.NOT_FOUND, "service_request_id was not found.");
  }
}
