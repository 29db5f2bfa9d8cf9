package cn.gov12345.intake.channel.app;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.channel.ChannelContractTest;
import cn.gov12345.intake.channel.app.io.AppAuthenticator;
import cn.gov12345.intake.channel.app.io.AppSubmissions;
import cn.gov12345.intake.channel.app.io.JwksKeys;
import cn.gov12345.intake.channel.app.io.JwtAppAuthenticator;
import cn.gov12345.intake.config.AppChannelConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.media.StoredMedia;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Inbound;
import cn.gov12345.intake.support.AppTokens;
import cn.gov12345.intake.support.ContractUploads;
import cn.gov12345.intake.support.HttpSample;
import cn.gov12345.intake.support.TestIdentity;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * Runs every {@code channels/app/samples/*.http} the way the app channel's submission endpoint and
 * {@code AppSubmissions} do: content type and length, the JWT (RS256, the fixed test keys {@code
 * test-app-1} and {@code test-app-2}, at the contract clock), Idempotency-Key and body, then the
 * user's uploads as attachments. The uploads the samples reference are {@link ContractUploads}; any
 * other id is refused as the media registry refuses it.
 */
class AppChannelContractTest extends ChannelContractTest {

  static final String PATH = "/channels/app/v1/submissions";

  private final AppChannel channel =
      new AppChannel(
          new AppChannelConfig(65536, 9, AppTokens.rs256Config("", "")),
          TestIdentity.phones(),
          CLOCK);

  private final AppAuthenticator authenticator =
      JwtAppAuthenticator.rs256(
          AppTokens.rs256Config("", ""),
          new JwksKeys(
              () -> Future.succeededFuture(AppTokens.publicKeySet("test-app-1", "test-app-2")),
              CLOCK,
              Duration.ofSeconds(30)),
          TestIdentity.pseudonymizer(),
          CLOCK);

  @Override
  protected String channel() {
    return AppChannel.NAME;
  }

  @Override
  protected List<Inbound> receive(HttpSample request) {
    assertThat(request.method()).as("submissions are POSTed").isEqualTo("POST");
    assertThat(request.target()).as("sample request target").isEqualTo(PATH);
    channel.checkContentType(request.header("Content-Type"));
    if (request.body().length > channel.maxBodyBytes()) {
      throw new ChannelException(ErrorCode.BODY_TOO_LARGE, "The body is too large.");
    }
    AppUser user = completed(authenticator.authenticate(request.header("Authorization")));
    AppSubmission s = channel.read(request.header(AppChannel.IDEMPOTENCY_KEY), request.body());
    List<StoredMedia> media = s.mediaIds().stream().map(id -> upload(user, id)).toList();
    return List.of(channel.toInbound(user, s, AppSubmissions.attachments(media)));
  }

  private static StoredMedia upload(AppUser user, String mediaId) {
    String owner =
        TestIdentity.pseudonymizer()
            .pseudonym(CitizenRef.IdScheme.APP_USER, ContractUploads.UPLOADER);
    StoredMedia media = ContractUploads.UPLOADS.get(mediaId);
    if (media == null || !user.pseudonym().equals(owner)) {
      throw new ChannelException(ErrorCode.UNKNOWN_MEDIA, "not a completed upload of this user");
    }
    return media;
  }

  private static <T> T completed(Future<T> future) {
    assertThat(future.isComplete()).as("authentication with a cached key set").isTrue();
    if (future.failed()) {
      throw (RuntimeException) future.cause();
    }
    return future.result();
  }
}
