package cn.gov12345.intake.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The shape of one inbound message. */
public enum MessageKind {
  TEXT,
  MEDIA,
  LOCATION,
  CALL,
  FORM,
  EVENT;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
