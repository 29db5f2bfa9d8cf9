package cn.gov12345.intake.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A test gateway that takes app uploads: HS256 test tokens, its own staging directory, and an app
 * user's {@link UploadClient}.
 *
 * @param staging the staging directory of incomplete uploads
 * @param gateway the running gateway
 * @param app an upload client of the app user {@code subject}
 */
public record UploadGateway(Path staging, TestGateway gateway, UploadClient app)
    implements AutoCloseable {

  /**
   * Starts one.
   *
   * @param mediaYaml more {@code media:} keys, each line indented by two spaces
   */
  public static UploadGateway start(String mediaYaml, String subject) throws IOException {
    Path staging = Files.createTempDirectory("staging");
    TestGateway gateway =
        TestGateway.start(
            UploadClient.APP_AUTH_YAML + "media:\n  stagingDir: " + staging + "\n" + mediaYaml,
            Clock.systemUTC());
    return new UploadGateway(staging, gateway, new UploadClient(gateway.baseUrl(), subject));
  }

  /** The upload id at the end of an upload path. */
  public static String id(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  @Override
  public void close() {
    gateway.close();
  }
}
