package cn.gov12345.intake.channel.web;

import java.util.List;
import java.util.Map;

/**
 * One multipart submission of the citizen page as received: the text fields by name (a field may
 * repeat on the wire; the channel refuses that) and the photos' metadata. The photo bytes stay on
 * disk with the HTTP side; the channel only counts and sizes them.
 *
 * @param fields text fields by name, values in the order received
 * @param photos the files sent in the {@value #PHOTOS} field
 */
public record WebForm(Map<String, List<String>> fields, List<Photo> photos) {

  public static final String APPEAL_TYPE = "appealType";
  public static final String DESCRIPTION = "description";
  public static final String ADDRESS = "address";
  public static final String LATITUDE = "latitude";
  public static final String LONGITUDE = "longitude";
  public static final String PHONE = "phone";
  public static final String NAME = "name";

  /** Optional: the key travels in the {@code Idempotency-Key} header; a field must repeat it. */
  public static final String IDEMPOTENCY_KEY = "idempotencyKey";

  /** The honeypot: hidden from people (and from screen readers); only bots fill it in. */
  public static final String HONEYPOT = "website";

  public static final String PHOTOS = "photos";

  /** Every text field the form has. */
  public static final List<String> TEXT_FIELDS =
      List.of(
          APPEAL_TYPE,
          DESCRIPTION,
          ADDRESS,
          LATITUDE,
          LONGITUDE,
          PHONE,
          NAME,
          IDEMPOTENCY_KEY,
          HONEYPOT);

  public WebForm {
    fields = Map.copyOf(fields);
    photos = List.copyOf(photos);
  }

  /**
   * One uploaded file.
   *
   * @param field the multipart field name it came in
   * @param size its length in bytes
   */
  public record Photo(String field, long size) {}

  @Override
  public String toString() {
    return "WebForm[fields=" + fields.keySet() + ", photos=" + photos.size() + "]";
  }
}
