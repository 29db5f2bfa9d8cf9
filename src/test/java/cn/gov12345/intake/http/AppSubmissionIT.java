package cn.gov12345.intake.http;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.identity.QueryCodes;
import cn.gov12345.intake.media.StoredMedia;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.support.AppClient;
import cn.gov12345.intake.support.AppFixture;
import cn.gov12345.intake.support.AppTokens;
import cn.gov12345.intake.support.EventSchemas;
import cn.gov12345.intake.support.TestRedis;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * App submissions end to end: real HTTP, real Redis, JWTs, uploaded media, the OpenAPI document.
 */
@Tag("cluster")
class AppSubmissionIT {

  static final String SUBJECT = "app-user-10086";
  static final String SUBMISSION =
      "{\"appealType\":\"投诉\",\"text\":\"小区门口路灯坏了一个月\","
          + "\"location\":{\"address\":\"望京街道阜通东大街6号院\",\"latitude\":39.99614,"
          + "\"longitude\":116.48074,\"regionCode\":\"110105\"},"
          + "\"contact\":{\"phone\":\"13800138000\",\"name\":\"张先生\"},"
          + "\"mediaIds\":[\"m_photo\",\"m_video\"]}";
  static final StoredMedia PHOTO = AppFixture.stored("ab".repeat(32), 183_420, "image/jpeg");
  static final StoredMedia VIDEO = AppFixture.stored("cd".repeat(32), 9_437_184, "video/quicktime");

  @RegisterExtension static final AppFixture fx = new AppFixture();

  @Test
  void aSubmissionWithTwoMediaBecomesOneTicketWhoseAttachmentsCarryTheStoredFiles()
      throws Exception {
    fx.register("m_photo", fx.pseudonym(SUBJECT), PHOTO);
    fx.register("m_video", fx.pseudonym(SUBJECT), VIDEO);
    long before = fx.tickets();

    HttpResponse<String> response = fx.app().submit(SUBJECT, AppClient.newKey(), SUBMISSION);

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.headers().firstValue("Idempotent-Replayed")).isEmpty();
    JsonObject body = new JsonObject(response.body());
    assertThat(body.getString("status")).isEqualTo("accepted");
    assertThat(body.getString("trackingNumber")).matches("\\d{15}");
    assertThat(body.getString("queryCode"))
        .isEqualTo(
            new QueryCodes(fx.identityKey())
                .codeFor(body.getString("trackingNumber"), body.getString("ticketId")));
    assertThat(fx.tickets()).isEqualTo(before + 1);
    String ticket = TestRedis.events(fx.gateway().keys().tickets(0)).get((int) before);
    EventSchemas.assertValid(ticket);
    JsonObject data = new JsonObject(ticket).getJsonObject("data");
    assertThat(data.getString("ticketId")).isEqualTo(body.getString("ticketId"));
    assertThat(data.getString("channel")).isEqualTo("app");
    assertThat(data.getJsonObject("citizen").getString("pseudonym"))
        .isEqualTo(fx.pseudonym(SUBJECT));
    JsonArray attachments = data.getJsonArray("attachments");
    assertThat(attachments).hasSize(2);
    assertThat(attachments.getJsonObject(0).getMap())
        .containsEntry("uri", PHOTO.uri())
        .containsEntry("sha256", PHOTO.sha256())
        .containsEntry("size", 183_420)
        .containsEntry("mediaType", "image/jpeg");
    assertThat(attachments.getJsonObject(1).getString("mediaType")).isEqualTo("video/quicktime");
    assertThat(ticket).doesNotContain("13800138000", "张先生", SUBJECT);
  }

  @Test
  void aVerifiedPhoneClaimOfTheTokenIsAKeyTheSignalsLinkByButTheTypedContactIsNot()
      throws Exception {
    String token =
        AppTokens.hs256(
            AppTokens.HS256_SECRET,
            AppTokens.claims("app-user-verified", java.time.Instant.now())
                .claim("phone_number", "+8613900139000")
                .claim("phone_number_verified", true)
                .build());
    String body =
        "{\"appealType\":\"投诉\",\"text\":\"楼道堆物\",\"contact\":{\"phone\":\"13700137000\"}}";
    long before = fx.tickets();

    HttpResponse<String> response =
        AppClient.send(
            fx.app()
                .request(
                    token,
                    AppClient.newKey(),
                    body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .build());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    String ticket = TestRedis.events(fx.gateway().keys().tickets(0)).get((int) before);
    EventSchemas.assertValid(ticket);
    JsonArray keys =
        new JsonObject(ticket)
            .getJsonObject("data")
            .getJsonObject("citizen")
            .getJsonArray("verifiedKeys");
    assertThat(keys).hasSize(1);
    assertThat(keys.getJsonObject(0).getString("kind")).isEqualTo("app_phone_claim");
    assertThat(keys.getJsonObject(0).getString("key"))
        .isEqualTo(
            new cn.gov12345.intake.identity.Pseudonymizer(fx.identityKey())
                .pseudonym(CitizenRef.IdScheme.PHONE, "+8613900139000"));
    assertThat(ticket).doesNotContain("13900139000", "13700137000");
  }

  @Test
  void unknownOrForeignMediaAreRefusedWith422AndTheKeyStaysUsableForACorrectedBody()
      throws Exception {
    fx.register("m_photo", "someone-else", PHOTO);
    String key = AppClient.newKey();
    long before = fx.tickets();
    HttpResponse<String> foreign =
        fx.app()
            .submit(
                "u-media",
                key,
                "{\"appealType\":\"投诉\",\"text\":\"见附图\",\"mediaIds\":[\"m_photo\"]}");
    HttpResponse<String> unknown =
        fx.app()
            .submit(
                "u-media",
                AppClient.newKey(),
                "{\"appealType\":\"投诉\",\"text\":\"见附图\",\"mediaIds\":[\"m_never\"]}");

    for (HttpResponse<String> r : List.of(foreign, unknown)) {
      assertThat(r.statusCode()).isEqualTo(422);
      assertThat(new JsonObject(r.body()).getString("code")).isEqualTo("unknown_media");
      assertThat(new JsonObject(r.body()).getString("detail")).contains("mediaIds[0]");
    }
    assertThat(fx.tickets()).isEqualTo(before);
    HttpResponse<String> corrected =
        fx.app().submit("u-media", key, "{\"appealType\":\"投诉\",\"text\":\"见附图（图片稍后补充）\"}");
    assertThat(corrected.statusCode()).isEqualTo(201);
  }

  @Test
  void theOpenApiDocumentIsServedAsYamlAndJson() {
    HttpResponse<String> yaml = fx.app().get("/channels/app/v1/openapi.yaml");
    HttpResponse<String> json = fx.app().get("/channels/app/v1/openapi.json");

    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.body()).startsWith("openapi: 3.1.0");
    assertThat(json.statusCode()).isEqualTo(200);
    JsonObject doc = new JsonObject(json.body());
    assertThat(doc.getJsonObject("paths").containsKey("/channels/app/v1/submissions")).isTrue();
    assertThat(doc.getJsonObject("components").getJsonObject("schemas").containsKey("Submission"))
        .isTrue();
  }
}
