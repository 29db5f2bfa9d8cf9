package cn.gov12345.intake.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The citizen as the stream shows them: a pseudonym, never the raw identifier.
 *
 * @param pseudonym keyed HMAC of the normalized identifier
 * @param scheme what kind of identifier it was (phone, wechat_openid, …)
 * @param contact contact details as a compact JWE (dir/A256GCM, kid), or absent
 * @param verifiedKeys keys the channel verified (docs/signals.md#linking), or null: an app's
 *     verified phone claim as {@code app_phone_claim} = the pseudonym of PHONE:e164
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CitizenData(
    String pseudonym, String scheme, String contact, List<VerifiedKey> verifiedKeys) {

  public CitizenData(String pseudonym, String scheme, String contact) {
    this(pseudonym, scheme, contact, null);
  }

  /** One verified key: its evidence kind and the pseudonym it links by. */
  public record VerifiedKey(String kind, String key) {}
}
