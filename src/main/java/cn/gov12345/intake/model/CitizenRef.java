package cn.gov12345.intake.model;

/**
 * Who sent a message, exactly as the channel knows them. Raw personal data: it is pseudonymized and
 * encrypted by the pipeline and never written or logged as is.
 *
 * @param scheme what kind of identifier {@code id} is
 * @param id the identifier in the channel (an E.164 phone, an openid, a partner's user id)
 * @param phone a contact phone number, or null
 * @param name a contact name, or null
 * @param email a contact e-mail address, or null
 */
public record CitizenRef(
    IdScheme scheme, String id, String phone, String name, String email, String verifiedPhone) {

  /** A citizen without an e-mail address (most channels have none). */
  public CitizenRef(IdScheme scheme, String id, String phone, String name) {
    this(scheme, id, phone, name, null, null);
  }

  /** A citizen whose channel verified no phone number beyond its own identifier. */
  public CitizenRef(IdScheme scheme, String id, String phone, String name, String email) {
    this(scheme, id, phone, name, email, null);
  }

  /** The identifier's namespace; part of the pseudonym input so namespaces never collide. */
  public enum IdScheme {
    PHONE,
    WECHAT_OPENID,
    APP_USER,
    PARTNER_USER,
    ANONYMOUS
  }

  public boolean hasContact() {
    return phone != null || name != null || email != null;
  }

  @Override
  public String toString() {
    return "CitizenRef[scheme=" + scheme + ", id=<redacted>, contact=" + hasContact() + "]";
  }
}
