package cn.gov12345.intake.upload;

import cn.gov12345.intake.config.GatewayConfig;
import cn.gov12345.intake.config.MediaConfig;
import cn.gov12345.intake.media.MediaPolicy;
import cn.gov12345.intake.media.MediaStore;
import cn.gov12345.intake.media.MediaStores;
import cn.gov12345.intake.media.RedisMediaRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.util.function.Function;

/**
 * The upload parts of one verticle, wired from the configuration.
 *
 * @param uploads create, find, terminate
 * @param patches PATCH
 * @param staging incomplete uploads on disk
 * @param state upload state in Redis
 * @param store the media store
 * @param registry the media registry
 */
public record UploadComponents(
    Uploads uploads,
    UploadPatch patches,
    UploadStaging staging,
    RedisUploads state,
    MediaStore store,
    RedisMediaRegistry registry) {

  /** Builds them on one Redis connection. */
  public static UploadComponents create(
      Vertx vertx, GatewayConfig config, Clock clock, Function<Request, Future<Response>> redis) {
    MediaConfig media = config.media();
    String prefix = config.stream().keyPrefix();
    MediaPolicy policy = new MediaPolicy(media.imageMaxBytes(), media.videoMaxBytes());
    RedisUploads state = new RedisUploads(prefix, redis, media.uploadQuota());
    UploadStaging staging = new UploadStaging(vertx, media.staging(config.dataDir()));
    MediaStore store = MediaStores.create(vertx, config);
    RedisMediaRegistry registry = new RedisMediaRegistry(prefix, redis, clock);
    Uploads uploads =
        new Uploads(
            vertx, state, staging, policy, clock, media.uploadExpiry(), media.uploadLease());
    UploadFinisher finisher =
        new UploadFinisher(vertx, staging, state, policy, store, registry, media.unclaimedTtl());
    return new UploadComponents(
        uploads,
        new UploadPatch(vertx, uploads, state, staging, finisher),
        staging,
        state,
        store,
        registry);
  }
}
