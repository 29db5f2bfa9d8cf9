package cn.gov12345.intake.channel.web;

import cn.gov12345.intake.model.AppealType;
import cn.gov12345.intake.model.CitizenRef;
import cn.gov12345.intake.model.Location;
import java.time.Instant;

/**
 * A web form submission that passed every check the channel can make on its own (honeypot,
 * proof-of-work signature and expiry, field rules). What is left needs Redis and the disk: replay
 * of the proof-of-work, rate limits, storing the photos.
 *
 * @param idempotencyKey the page's token for one filling of the form (the dedup key)
 * @param proofOfWork the verified solution
 * @param receivedAt when it arrived
 * @param citizen who sent it (raw; pseudonymized by the pipeline)
 * @param appealType what the citizen says it is
 * @param description the citizen's text
 * @param location where, or null
 */
public record WebSubmission(
    String idempotencyKey,
    ProofOfWork proofOfWork,
    Instant receivedAt,
    CitizenRef citizen,
    AppealType appealType,
    String description,
    Location location) {

  @Override
  public String toString() {
    return "WebSubmission[idempotencyKey=" + idempotencyKey + ", appealType=" + appealType + "]";
  }
}
