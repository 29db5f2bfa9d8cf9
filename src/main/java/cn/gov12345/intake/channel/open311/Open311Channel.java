package cn.gov12345.intake.channel.open311;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.channel.Channel;
import cn.gov12345.intake.channel.Endpoint;
import cn.gov12345.intake.config.Open311ChannelConfig;
import cn.gov12345.intake.config.Open311ServiceConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.identity.PhoneNumbers;
import cn.gov12345.intake.model.Inbound;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2): the configured appeal categories as
 * services, and service requests filed by client apps with their {@code api_key}. A request opens
 * its own ticket; its {@code service_request_id} is the tracking number. Pure: no I/O, the clock is
 * given.
 */
public final class Open311Channel implements Channel {

  public static final String NAME = "open311";

  /** The dedup key's prefix when the client sent an Idempotency-Key (the key follows). */
  public static final String KEYED = "key:";

  private final Open311ChannelConfig config;
  private final Map<String, Open311ServiceConfig> services = new LinkedHashMap<>();
  private final Open311RequestMapper mapper;

  public Open311Channel(Open311ChannelConfig config, PhoneNumbers phones, Clock clock) {
    this(config, phones, clock, () -> UUID.randomUUID().toString());
  }

  /**
   * @param requestIds a new unique id per call: the dedup key of a request without {@code
   *     Idempotency-Key} (random in production, given in tests)
   */
  public Open311Channel(
      Open311ChannelConfig config, PhoneNumbers phones, Clock clock, Supplier<String> requestIds) {
    this.config = config;
    config.services().forEach(s -> services.put(s.serviceCode(), s));
    this.mapper = new Open311RequestMapper(phones, clock, requestIds);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<Endpoint<?, ?>> endpoints() {
    return Open311Endpoints.all(this);
  }

  /** {@code GET services.json|xml}: the configured categories. */
  public Endpoint<Open311Format, Open311Format> serviceList(Open311Format format) {
    return Open311Endpoints.services(this, format);
  }

  /** Any other address under {@code /open311/v2/}: a GeoReport 404. */
  public Endpoint<Void, Void> nothingElse() {
    return Open311Endpoints.nothingElse();
  }

  /** {@code POST requests.json|xml}: one service request, opening its own ticket. */
  public Endpoint<Inbound, Accepted> requests(Open311Format format) {
    return Open311Endpoints.create(this, format);
  }

  /** {@code GET requests.json|xml?service_request_id=…}: this client's requests' status. */
  public Endpoint<Open311Query, List<Map<String, Object>>> lookups(Open311Format format) {
    return Open311Endpoints.list(this, format);
  }

  /** {@code GET requests/{id}.json|xml}: one of this client's requests. */
  public Endpoint<Open311Query, List<Map<String, Object>>> lookup() {
    return Open311Endpoints.one(this);
  }

  /** Largest request body; larger ones are refused with 413. */
  public int maxBodyBytes() {
    return config.maxBodyBytes();
  }

  /** The configured name of a service code, or null when the code is unknown (or no longer). */
  public String serviceName(String serviceCode) {
    Open311ServiceConfig service = serviceCode == null ? null : services.get(serviceCode);
    return service == null ? null : service.name();
  }

  /** The rows of {@code services.json}, in configured order. */
  public List<Map<String, Object>> services() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Open311ServiceConfig s : services.values()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("service_code", s.serviceCode());
      row.put("service_name", s.name());
      row.put("description", s.description());
      row.put("metadata", false);
      row.put("type", "realtime");
      row.put("keywords", String.join(",", s.keywords()));
      row.put("group", s.group());
      rows.add(row);
    }
    return rows;
  }

  /**
   * The client an {@code api_key} belongs to. Every configured hash is compared, in constant time.
   *
   * @throws ChannelException {@code invalid_api_key} (Open311 answers 403)
   */
  public String authenticate(String apiKey) {
    if (apiKey == null || apiKey.isBlank()) {
      throw new ChannelException(ErrorCode.INVALID_API_KEY, "api_key is required.");
    }
    byte[] presented = sha256(apiKey.strip());
    String found = null;
    for (var client : config.clients().entrySet()) {
      if (MessageDigest.isEqual(presented, client.getValue().keyHash()) && found == null) {
        found = client.getKey();
      }
    }
    if (found == null) {
      throw new ChannelException(ErrorCode.INVALID_API_KEY, "api_key is not valid.");
    }
    return found;
  }

  /**
   * Reads a {@code POST requests} form into one message that opens a ticket.
   *
   * @param client the authenticated client (the channel account)
   * @param form the decoded form
   * @param idempotencyKey the client's {@code Idempotency-Key} header, or null
   * @throws ChannelException 400 for an unknown service, a missing location or description, a bad
   *     coordinate, phone, e-mail or media_url
   */
  public Inbound accept(String client, FormBody form, String idempotencyKey) {
    String jurisdiction = form.single("jurisdiction_id");
    if (jurisdiction != null
        && !config.jurisdictionId().isEmpty()
        && !jurisdiction.equals(config.jurisdictionId())) {
      throw new ChannelException(
          ErrorCode.INVALID_PARAMETER, "jurisdiction_id is not this jurisdiction.");
    }
    String code = form.single("service_code");
    if (code == null) {
      throw new ChannelException(ErrorCode.MISSING_PARAMETER, "service_code is required.");
    }
    Open311ServiceConfig service = services.get(code);
    if (service == null) {
      throw new ChannelException(
          ErrorCode.INVALID_PARAMETER, "service_code is not a service of this jurisdiction.");
    }
    return mapper.toInbound(client, service, form, idempotencyKey);
  }

  static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
