package cn.gov12345.intake.http;

import cn.gov12345.intake.pipeline.IntakePipeline;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.function.Function;

/**
 * What one event loop gives the channels it serves: its Vert.x, its own pipelined Redis connection,
 * and the intake pipeline appending through it.
 *
 * @param redis the connection for confirmed writes (with the durability level's barrier)
 * @param pipeline the intake pipeline appending through it
 * @param reads the same connection without the barrier, for reads and counters
 */
public record Loop(
    Vertx vertx,
    Function<Request, Future<Response>> redis,
    IntakePipeline pipeline,
    Function<Request, Future<Response>> reads) {}
