package cn.gov12345.intake.config;

/**
 * One PBX integration sending Zammad-style generic CTI events to {@code
 * /channels/telephony/zammad/{name}/{token}}.
 *
 * @param description which PBX this is
 * @param token the path token the PBX is configured with (at least 24 characters)
 */
public record ZammadIntegrationConfig(String description, Secret token) {

  public ZammadIntegrationConfig {
    description = description == null ? "" : description;
    token = token == null ? Secret.of("") : token;
  }

  void validate(Problems p, String path, boolean production) {
    p.require(
        token.reveal().matches("[A-Za-z0-9_-]{24,128}"),
        path + ".token",
        "must be 24-128 letters, digits, '-' or '_'");
    p.require(
        !production || !token.isPlaceholder(),
        path + ".token",
        "is a development placeholder; production needs a real token");
  }
}
