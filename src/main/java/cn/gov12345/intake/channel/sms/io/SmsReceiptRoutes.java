package cn.gov12345.intake.channel.sms.io;

import cn.gov12345.intake.channel.sms.SmsReceipt;
import cn.gov12345.intake.channel.sms.SmsReceipts;
import cn.gov12345.intake.config.SmsConfig;
import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.http.RequestBodies;
import cn.gov12345.intake.model.EventTypes;
import cn.gov12345.intake.pipeline.Ids;
import cn.gov12345.intake.reply.RedisReplyStore;
import cn.gov12345.intake.reply.ReplyEvents;
import cn.gov12345.intake.reply.ReplyMetrics;
import cn.gov12345.intake.reply.ReplyOutcome;
import cn.gov12345.intake.signing.HmacKey;
import cn.gov12345.intake.signing.StandardWebhooks;
import cn.gov12345.intake.signing.WebhookVerifier;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;

/**
 * SMS delivery receipts (状态报告) pushed by the provider (docs/replies.md, channels/sms/README.md):
 * {@code POST /v1/sms/receipts/aliyun/{receiptToken}} takes Alibaba's SmsReport push (unsigned by
 * Alibaba: the secret path segment is the credential, checked before the body is read) and answers
 * Alibaba's success body only after every receipt is recorded; {@code POST /v1/sms/receipts} takes
 * the generic format, Standard Webhooks signed with the provider's secrets. A receipt becomes one
 * {@code reply.delivered.v1} event on its reply's ticket, once, when it names a reply the gateway
 * sent and the vendor's message id matches; anything else is dropped.
 */
public final class SmsReceiptRoutes {

  public static final String ALIYUN_PATH = "/v1/sms/receipts/aliyun/:token";
  public static final String GENERIC_PATH = "/v1/sms/receipts";
  private static final long TOLERANCE_SECONDS = 300;

  private final SmsConfig sms;
  private final RedisReplyStore replies;
  private final ReplyMetrics metrics;
  private final Ids ids;
  private final List<HmacKey> keys;
  private final WebhookVerifier verifier;

  public SmsReceiptRoutes(
      SmsConfig sms, RedisReplyStore replies, ReplyMetrics metrics, Ids ids, Clock clock) {
    this.sms = sms;
    this.replies = replies;
    this.metrics = metrics;
    this.ids = ids;
    this.keys = sms.keys().stream().map(HmacKey::new).toList();
    this.verifier = new WebhookVerifier(TOLERANCE_SECONDS, clock);
  }

  /** The routes of one event loop. */
  public void mount(Router router) {
    if (!sms.receiptToken().reveal().isEmpty()) {
      router.post(ALIYUN_PATH).handler(this::checkToken);
      RequestBodies.mount(
          router,
          ALIYUN_PATH,
          "sms_receipts",
          SmsReceipts.MAX_BODY_BYTES,
          ctx ->
              record(SmsReceipts.aliyun(RequestBodies.body(ctx)))
                  .onSuccess(
                      n ->
                          ctx.response()
                              .putHeader("Content-Type", "application/json; charset=utf-8")
                              .end(SmsReceipts.ALIYUN_ANSWER))
                  .onFailure(ctx::fail));
    }
    if (!sms.secrets().isEmpty()) {
      RequestBodies.mount(
          router, GENERIC_PATH, "sms_receipts", SmsReceipts.MAX_BODY_BYTES, this::generic);
    }
  }

  private void checkToken(RoutingContext ctx) {
    byte[] given = ctx.pathParam("token").getBytes(StandardCharsets.UTF_8);
    byte[] expected = sms.receiptToken().reveal().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(given, expected)) {
      throw new ChannelException(ErrorCode.UNAUTHORIZED, "Unknown receipt URL.");
    }
    ctx.next();
  }

  private void generic(RoutingContext ctx) {
    byte[] body = RequestBodies.body(ctx);
    verifier.verify(
        keys,
        ctx.request().getHeader(StandardWebhooks.HEADER_ID),
        ctx.request().getHeader(StandardWebhooks.HEADER_TIMESTAMP),
        ctx.request().getHeader(StandardWebhooks.HEADER_SIGNATURE),
        body);
    List<SmsReceipt> receipts = SmsReceipts.generic(body);
    record(receipts)
        .onSuccess(
            n ->
                ctx.response()
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("received", receipts.size()).encode()))
        .onFailure(ctx::fail);
  }

  /** Records every receipt that names a sent reply; completes with how many were recorded. */
  Future<Integer> record(List<SmsReceipt> receipts) {
    Future<Integer> chain = Future.succeededFuture(0);
    for (SmsReceipt r : receipts) {
      chain = chain.compose(n -> one(r).map(done -> n + (done ? 1 : 0)));
    }
    return chain;
  }

  private Future<Boolean> one(SmsReceipt r) {
    if (r.replyId().isEmpty()) {
      return Future.succeededFuture(false);
    }
    return replies
        .findReply(r.replyId())
        .compose(
            p ->
                p < 0
                    ? Future.succeededFuture(false)
                    : replies.replyTicket(p, r.replyId()).compose(t -> delivered(r, t)));
  }

  private Future<Boolean> delivered(SmsReceipt r, List<String> ticket) {
    String tracking = ticket.get(0);
    String vmid = ticket.get(3);
    if (tracking == null
        || !"sms".equals(ticket.get(2))
        || !r.vendorMessageId().isEmpty()
            && vmid != null
            && !vmid.isEmpty()
            && !vmid.equals(r.vendorMessageId())) {
      return Future.succeededFuture(false);
    }
    ReplyOutcome data =
        new ReplyOutcome(
            r.replyId(),
            ticket.get(1),
            tracking,
            "sms",
            r.reportedAt().toString(),
            r.errorCode().isEmpty() ? null : r.errorCode(),
            r.vendorMessageId().isEmpty() ? null : r.vendorMessageId(),
            null,
            null,
            r.delivered());
    byte[] event = ReplyEvents.outcome(ids.next(), EventTypes.REPLY_DELIVERED, data);
    return replies
        .delivered(tracking, r.replyId(), EventTypes.REPLY_DELIVERED, event)
        .map(
            n -> {
              if (n == 1) {
                metrics.receipt(r.delivered());
              }
              return n == 1;
            });
  }
}
