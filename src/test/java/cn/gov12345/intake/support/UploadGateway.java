package cn.gov12345.intake.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test gateway that takes app uploads, for a whole test class ({@code @RegisterExtension}): HS256
 * test tokens, its own staging directory, and an app user's {@link UploadClient}.
 */
public final class UploadGateway implements BeforeAllCallback, AfterAllCallback {

  private final String mediaYaml;
  private final String subject;
  private Path staging;
  private TestGateway gateway;
  private UploadClient app;

  /**
   * @param mediaYaml more {@code media:} keys, each line indented by two spaces
   * @param subject the app user the client uploads as
   */
  public UploadGateway(String mediaYaml, String subject) {
    this.mediaYaml = mediaYaml;
    this.subject = subject;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    staging = Files.createTempDirectory("staging");
    gateway =
        TestGateway.start(
            UploadClient.APP_AUTH_YAML + "media:\n  stagingDir: " + staging + "\n" + mediaYaml,
            Clock.systemUTC());
    app = new UploadClient(gateway.baseUrl(), subject);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    gateway.close();
  }

  /** The staging directory of incomplete uploads. */
  public Path staging() {
    return staging;
  }

  public TestGateway gateway() {
    return gateway;
  }

  /** An upload client of the app user. */
  public UploadClient app() {
    return app;
  }

  /** The upload id at the end of an upload path. */
  public static String id(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
