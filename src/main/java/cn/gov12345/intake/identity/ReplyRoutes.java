package cn.gov12345.intake.identity;

import cn.gov12345.intake.model.CitizenRef;
import java.time.Instant;

/**
 * A ticket's reply route as the opening script stores it next to the status record (field {@code
 * route:<ticket id>} of the day's status hash, so it expires with the record): {@code {"seal":
 * "<JWE>","at":<ms>}}. The seal is a {@link ContactSealer} JWE of {@code {"openid","phone",
 * "appUser"}} — never an address in clear; {@code at} is the citizen's last interaction (WeChat's
 * 48-hour customer-service window). Channel and account are the status record's.
 *
 * <p>Who has a route: a WeChat citizen (openid), a caller whose number was presented, an SMS
 * sender, an app user, and a web, webhook or Open311 citizen who gave a phone number. A withheld
 * number and an anonymous web submission have none: their replies become callback tasks or are
 * recorded as not deliverable (docs/replies.md).
 */
public final class ReplyRoutes {

  /** The payload keys of the sealed address. */
  public static final String OPENID = "openid";

  public static final String PHONE = "phone";
  public static final String APP_USER = "appUser";

  private ReplyRoutes() {}

  /** The route JSON of a citizen, or {@code ""} when they cannot be reached. */
  public static String of(ContactSealer sealer, CitizenRef ref, Instant at) {
    if (ref == null) {
      return "";
    }
    // a WeChat citizen's id is "<appid>:<openid>" (an openid is only unique per account)
    String openid =
        ref.scheme() == CitizenRef.IdScheme.WECHAT_OPENID
            ? ref.id().substring(ref.id().indexOf(':') + 1)
            : null;
    String appUser = ref.scheme() == CitizenRef.IdScheme.APP_USER ? ref.id() : null;
    String phone = ref.phone();
    if (phone == null && ref.scheme() == CitizenRef.IdScheme.PHONE) {
      phone = ref.id();
    }
    String seal = sealer.sealAddress(openid, phone, appUser);
    if (seal == null) {
      return "";
    }
    return "{\"seal\":\"" + seal + "\",\"at\":" + at.toEpochMilli() + "}";
  }
}
