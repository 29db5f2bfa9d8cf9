package cn.gov12345.intake.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A CloudEvents 1.0 event in structured JSON mode. Field order is fixed: the envelope first, then
 * {@code data}.
 *
 * @param <T> the data type
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "specversion",
  "id",
  "source",
  "type",
  "subject",
  "time",
  "datacontenttype",
  "dataschema",
  "partitionkey",
  "data"
})
public record CloudEvent<T>(
    String specversion,
    String id,
    String source,
    String type,
    String subject,
    String time,
    String datacontenttype,
    String dataschema,
    String partitionkey,
    T data) {

  public static final String SPEC_VERSION = "1.0";
  public static final String JSON = "application/json";
}
