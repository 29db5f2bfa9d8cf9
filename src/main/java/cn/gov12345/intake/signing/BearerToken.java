package cn.gov12345.intake.signing;

import java.util.Optional;

/**
 * The credentials of an {@code Authorization: Bearer <token>} header. The scheme name is matched
 * case-insensitively (RFC 9110 section 11.1, RFC 6750 section 2.1): {@code bearer x} and {@code
 * BEARER x} are the same as {@code Bearer x}. The one place every bearer-protected endpoint reads
 * its token.
 */
public final class BearerToken {

  private static final String SCHEME = "Bearer";

  private BearerToken() {}

  /**
   * The token of a header value, trimmed; empty when the header is absent, names another scheme or
   * carries no token.
   */
  public static Optional<String> of(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    String value = authorization.strip();
    if (value.length() <= SCHEME.length()
        || !value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())
        || !isSpace(value.charAt(SCHEME.length()))) {
      return Optional.empty();
    }
    String token = value.substring(SCHEME.length()).strip();
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }
}
