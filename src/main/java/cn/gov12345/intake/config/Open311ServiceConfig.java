package cn.gov12345.intake.config;

import cn.gov12345.intake.model.AppealType;
import java.util.List;

/**
 * One appeal category offered as an Open311 service.
 *
 * @param serviceCode the Open311 {@code service_code} clients send
 * @param name the {@code service_name} shown to citizens
 * @param description what the service is for
 * @param group the {@code group} it is listed under
 * @param appealType the 12345 appeal type it files ({@code help}, {@code complaint}, … or 求助 …)
 * @param category the 12345 category (kept with the message for routing and statistics)
 * @param keywords Open311 {@code keywords}
 */
public record Open311ServiceConfig(
    String serviceCode,
    String name,
    String description,
    String group,
    String appealType,
    String category,
    List<String> keywords) {

  public Open311ServiceConfig {
    description = description == null ? "" : description;
    group = group == null ? "" : group;
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
  }

  /** The appeal type (valid only after validation). */
  public AppealType type() {
    return AppealType.parse(appealType).orElseThrow();
  }

  void validate(Problems p, String path) {
    p.require(
        serviceCode != null && serviceCode.matches("[A-Za-z0-9._-]{1,64}"),
        path + ".serviceCode",
        "must be 1-64 characters of A-Z, a-z, 0-9, . _ -");
    p.require(name != null && !name.isBlank(), path + ".name", "must not be empty");
    p.require(
        AppealType.parse(appealType).isPresent(),
        path + ".appealType",
        "must be consultation, help, complaint, report or suggestion (or 咨询/求助/投诉/举报/建议)");
    p.require(category != null && !category.isBlank(), path + ".category", "must not be empty");
    for (String k : keywords) {
      p.require(k != null && !k.isBlank() && !k.contains(","), path + ".keywords", "no commas");
    }
  }
}
