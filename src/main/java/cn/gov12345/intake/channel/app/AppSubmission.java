package cn.gov12345.intake.channel.app;

import cn.gov12345.intake.model.AppealType;
import cn.gov12345.intake.model.Location;
import java.util.List;

/**
 * One validated app submission, not yet tied to its user's media.
 *
 * @param idempotencyKey the {@code Idempotency-Key} as the app sent it (quotes removed)
 * @param keyHash Base64url SHA-256 of the key (what Redis keys carry)
 * @param fingerprint Base64url SHA-256 of the canonical body: equal bodies, equal fingerprints
 * @param appealType what the citizen says it is
 * @param text what they wrote (stripped)
 * @param location where, or null
 * @param phone contact phone in E.164, or null
 * @param name contact name, or null
 * @param mediaIds uploaded media to attach, in order
 */
public record AppSubmission(
    String idempotencyKey,
    String keyHash,
    String fingerprint,
    AppealType appealType,
    String text,
    Location location,
    String phone,
    String name,
    List<String> mediaIds) {

  public AppSubmission {
    mediaIds = List.copyOf(mediaIds);
  }

  @Override
  public String toString() {
    return "AppSubmission[type=" + appealType + ", media=" + mediaIds.size() + "]";
  }
}
