package cn.gov12345.intake.config;

/**
 * The mobile-app channel ({@code /channels/app/v1/...}).
 *
 * @param maxBodyBytes larger submission bodies are refused with 413 before they are read
 * @param maxMedia how many uploaded media one submission may reference
 * @param auth how a request proves its app user
 */
public record AppChannelConfig(int maxBodyBytes, int maxMedia, AppAuthConfig auth) {

  void validate(Problems p, boolean production) {
    p.require(
        maxBodyBytes >= 1024 && maxBodyBytes <= 1024 * 1024,
        "channels.app.maxBodyBytes",
        "must be 1 KiB .. 1 MiB");
    p.require(maxMedia >= 0 && maxMedia <= 50, "channels.app.maxMedia", "must be 0 .. 50");
    if (auth == null) {
      p.add("channels.app.auth", "is required");
    } else {
      auth.validate(p, production);
    }
  }
}
