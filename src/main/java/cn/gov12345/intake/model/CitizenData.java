package cn.gov12345.intake.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The citizen as the stream shows them: a pseudonym, never the raw identifier.
 *
 * @param pseudonym keyed HMAC of the normalized identifier
 * @param scheme what kind of identifier it was (phone, wechat_openid, …)
 * @param contact contact details as a compact JWE (dir/A256GCM, kid), or absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CitizenData(String pseudonym, String scheme, String contact) {}
