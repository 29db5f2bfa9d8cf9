package cn.gov12345.intake.channel.sms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud's RPC request signature (SignatureMethod {@code HMAC-SHA1}, SignatureVersion {@code
 * 1.0}), as the SMS documentation describes it:
 *
 * <ol>
 *   <li>sort every parameter except {@code Signature} by name (byte order);
 *   <li>"POP" percent-encode each name and value: RFC 3986 unreserved characters ({@code A-Z a-z
 *       0-9 - _ . ~}) stay, every other byte of the UTF-8 form becomes {@code %XY} (upper-case hex;
 *       a space is {@code %20}, never {@code +}), join {@code name=value} pairs with {@code &}: the
 *       canonicalized query string;
 *   <li>{@code StringToSign = HTTPMethod + "&" + percentEncode("/") + "&" +
 *       percentEncode(canonicalizedQueryString)};
 *   <li>{@code Signature = Base64(HMAC-SHA1(AccessKeySecret + "&", UTF-8(StringToSign)))}.
 * </ol>
 *
 * <p>Docs: https://help.aliyun.com/document_detail/101343.htm (短信服务 · 请求签名),
 * https://www.alibabacloud.com/help/en/sms/signature-method. Verified in {@code
 * AliyunSignatureTest} against the published SendSms example (testId / testSecret, nonce {@code
 * 45e25e9b-0a6f-4070-8c85-2956eda1b466}, timestamp {@code 2017-07-12T02:42:19Z} → {@code
 * zJDF+Lrzhj/ThnlvIToysFRq6t4=}).
 */
public final class AliyunSignature {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private AliyunSignature() {}

  /** The "POP" percent-encoding of a name or value. */
  public static String percentEncode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (isUnreserved(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }

  private static boolean isUnreserved(int c) {
    return c >= 'A' && c <= 'Z'
        || c >= 'a' && c <= 'z'
        || c >= '0' && c <= '9'
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~';
  }

  /** The canonicalized query string: sorted, encoded, {@code Signature} left out. */
  public static String canonicalQuery(Map<String, String> parameters) {
    StringJoiner joined = new StringJoiner("&");
    new TreeMap<>(parameters)
        .forEach(
            (name, value) -> {
              if (!name.equals("Signature")) {
                joined.add(percentEncode(name) + "=" + percentEncode(value));
              }
            });
    return joined.toString();
  }

  /** The string to sign for one request. */
  public static String stringToSign(String httpMethod, Map<String, String> parameters) {
    return httpMethod + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(parameters));
  }

  /** The {@code Signature} parameter's value (Base64, not yet percent-encoded). */
  public static String sign(String accessKeySecret, String httpMethod, Map<String, String> params) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(
          new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      byte[] digest =
          mac.doFinal(stringToSign(httpMethod, params).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }
}
