package cn.gov12345.intake.channel.webhook;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The JSON body a partner system pushes (see {@code channels/webhook/README.md}). Field names are
 * the contract; unknown fields are refused so a misspelt field is never silently dropped.
 */
record WebhookSubmission(
    @JsonProperty("appealType") String appealType,
    @JsonProperty("text") String text,
    @JsonProperty("citizen") Citizen citizen,
    @JsonProperty("location") Place location,
    @JsonProperty("attachments") List<File> attachments) {

  /** Who filed it, as the partner knows them; every field optional. */
  record Citizen(
      @JsonProperty("userId") String userId,
      @JsonProperty("phone") String phone,
      @JsonProperty("name") String name) {

    @Override
    public String toString() {
      return "Citizen[<redacted>]";
    }
  }

  /** Where; address text and/or coordinates, optional region code. */
  record Place(
      @JsonProperty("address") String address,
      @JsonProperty("latitude") Double latitude,
      @JsonProperty("longitude") Double longitude,
      @JsonProperty("regionCode") String regionCode) {}

  /** A file the partner already stores; referenced, never copied into the stream. */
  record File(
      @JsonProperty("url") String url,
      @JsonProperty("sha256") String sha256,
      @JsonProperty("size") Long size,
      @JsonProperty("mediaType") String mediaType,
      @JsonProperty("name") String name) {}

  @Override
  public String toString() {
    return "WebhookSubmission[<redacted>]";
  }
}
