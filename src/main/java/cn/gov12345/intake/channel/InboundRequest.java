package cn.gov12345.intake.channel;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as a channel sees it, with no server types: method, path and its parameters, the
 * request URI as sent (signatures cover it), headers (looked up case-insensitively), query
 * parameters, the body (bytes, or a multipart form whose files the door streamed to disk), the
 * client's address (behind trusted proxies, the citizen's), the correlation id and, once an
 * authentication step ran, who was authenticated.
 */
public record InboundRequest(
    String method,
    String path,
    String uri,
    Map<String, String> pathParams,
    Map<String, String> headers,
    Map<String, String> query,
    byte[] body,
    Form form,
    String clientAddress,
    String correlationId,
    Object principal) {

  /**
   * A multipart form: its text fields and its files (already on disk, deleted after the answer).
   */
  public record Form(Map<String, List<String>> fields, List<FilePart> files) {
    public Form {
      fields = Map.copyOf(fields);
      files = List.copyOf(files);
    }

    /** No form (the body was not multipart). */
    public static Form none() {
      return new Form(Map.of(), List.of());
    }
  }

  /** One file of a multipart form, as the door stored it. */
  public record FilePart(
      String field, String fileName, String contentType, long size, String path) {}

  public InboundRequest {
    pathParams = Map.copyOf(pathParams);
    headers = lowerCased(headers);
    query = Map.copyOf(query);
    body = body == null ? new byte[0] : body;
    form = form == null ? Form.none() : form;
  }

  /** A request's head (no body yet), as the door sees it before reading. */
  public static InboundRequest head(
      String method,
      String path,
      String uri,
      Map<String, String> pathParams,
      Map<String, String> headers,
      Map<String, String> query,
      String clientAddress,
      String correlationId) {
    return new InboundRequest(
        method,
        path,
        uri,
        pathParams,
        headers,
        query,
        new byte[0],
        Form.none(),
        clientAddress,
        correlationId,
        null);
  }

  /** This request with its body read. */
  public InboundRequest withBody(byte[] bytes, Form readForm) {
    return new InboundRequest(
        method,
        path,
        uri,
        pathParams,
        headers,
        query,
        bytes,
        readForm,
        clientAddress,
        correlationId,
        principal);
  }

  /** This request with the result of its authentication step. */
  public InboundRequest withPrincipal(Object who) {
    return new InboundRequest(
        method,
        path,
        uri,
        pathParams,
        headers,
        query,
        body,
        form,
        clientAddress,
        correlationId,
        who);
  }

  /** The body bytes (the array itself: do not change it). */
  @Override
  public byte[] body() {
    return body;
  }

  /** A header's first value, or null; the name is matched case-insensitively. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** A path parameter, or null. */
  public String pathParam(String name) {
    return pathParams.get(name);
  }

  /** A query parameter's first value, or null. */
  public String param(String name) {
    return query.get(name);
  }

  /** The authenticated principal of the given type (set by the endpoint's authentication step). */
  public <P> P principal(Class<P> type) {
    if (!type.isInstance(principal)) {
      throw new IllegalStateException("no " + type.getSimpleName() + " was authenticated");
    }
    return type.cast(principal);
  }

  private static Map<String, String> lowerCased(Map<String, String> given) {
    java.util.Map<String, String> lower = new java.util.HashMap<>();
    given.forEach((k, v) -> lower.putIfAbsent(k.toLowerCase(Locale.ROOT), v));
    return Map.copyOf(lower);
  }
}
