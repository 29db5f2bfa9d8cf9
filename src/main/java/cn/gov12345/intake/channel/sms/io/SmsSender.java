package cn.gov12345.intake.channel.sms.io;

import cn.gov12345.intake.config.SmsConfig;
import cn.gov12345.intake.config.SmsTemplateConfig;
import cn.gov12345.intake.reply.OutboundMessage;
import cn.gov12345.intake.reply.ReplySender;
import cn.gov12345.intake.reply.SendOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code sms} sender of a reply chain: the message kind's registered template, filled from the
 * reply's params, sent to the citizen's phone through the configured provider ({@link
 * AliyunSmsClient} or {@link HttpSmsClient}). China admits only registered templates and
 * signatures, so a kind without a template is not reachable by SMS. Logs carry the reply id and the
 * outcome, never the number, the variables or the text.
 */
public final class SmsSender implements ReplySender {

  public static final String KIND = "sms";
  private static final Logger LOG = LoggerFactory.getLogger(SmsSender.class);

  private final SmsConfig config;
  private final SmsClient client;

  public SmsSender(SmsConfig config, SmsClient client) {
    this.config = config;
    this.client = client;
  }

  /**
   * The sender for the configured provider, over an HTTP client of its own (keep-alive, at most
   * {@code maxConnections} to the provider).
   */
  public static SmsSender create(Vertx vertx, SmsConfig config, Clock clock, int maxConnections) {
    HttpClient http =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(maxConnections));
    SmsClient client =
        SmsConfig.HTTP.equals(config.provider())
            ? new HttpSmsClient(http, config, clock)
            : new AliyunSmsClient(http, config, clock);
    return new SmsSender(config, client);
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public boolean canReach(OutboundMessage message) {
    return message.address() != null
        && message.address().phone() != null
        && config.template(message.kind()) != null
        && client.canReach(message.address().phone());
  }

  @Override
  public Future<SendOutcome> send(OutboundMessage message) {
    SendOutcome refused = refusal(message);
    if (refused != null) {
      return Future.succeededFuture(refused);
    }
    SmsTemplateConfig template = config.template(message.kind());
    Map<String, String> variables = new LinkedHashMap<>();
    template.params().forEach((name, key) -> variables.put(name, message.params().get(key)));
    SmsRequest request =
        new SmsRequest(
            message.replyId(),
            message.address().phone(),
            template.code(),
            Collections.unmodifiableMap(variables));
    Future<SendOutcome> attempt;
    try {
      attempt = client.send(request);
    } catch (RuntimeException e) {
      attempt = Future.succeededFuture(SmsOutcomes.ofFailure(e));
    }
    return attempt
        .otherwise(SmsOutcomes::ofFailure)
        .onSuccess(
            outcome ->
                LOG.debug(
                    "sms reply {} kind {} template {}: {} {}",
                    message.replyId(),
                    message.kind(),
                    template.code(),
                    outcome.status(),
                    outcome.vendorCode()));
  }

  /** Why this message cannot be tried at all, or null. */
  private SendOutcome refusal(OutboundMessage message) {
    if (message.address() == null || message.address().phone() == null) {
      return SendOutcome.next("", "no phone number to send an SMS to");
    }
    SmsTemplateConfig template = config.template(message.kind());
    if (template == null) {
      return SendOutcome.next("", "no SMS template is registered for kind " + message.kind());
    }
    for (Map.Entry<String, String> variable : template.params().entrySet()) {
      if (message.params().get(variable.getValue()) == null) {
        return SendOutcome.next(
            "",
            "SMS template variable "
                + variable.getKey()
                + " takes reply param "
                + variable.getValue()
                + ", which this reply lacks");
      }
    }
    return null;
  }
}
