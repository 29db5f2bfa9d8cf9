package cn.gov12345.intake.channel.wechat;

/**
 * The query parameters WeChat adds to every request to the server URL (any may be null).
 *
 * @param signature SHA-1 of the sorted token, timestamp and nonce
 * @param timestamp Unix seconds
 * @param nonce a random number
 * @param echostr the string to echo on URL verification (GET only)
 * @param encryptType {@code aes} when the body is encrypted
 * @param msgSignature SHA-1 of the sorted token, timestamp, nonce and {@code Encrypt}
 */
public record WechatQuery(
    String signature,
    String timestamp,
    String nonce,
    String echostr,
    String encryptType,
    String msgSignature) {

  public static final String SIGNATURE = "signature";
  public static final String TIMESTAMP = "timestamp";
  public static final String NONCE = "nonce";
  public static final String ECHOSTR = "echostr";
  public static final String ENCRYPT_TYPE = "encrypt_type";
  public static final String MSG_SIGNATURE = "msg_signature";

  /** True when WeChat says the body is encrypted. */
  public boolean encrypted() {
    return "aes".equalsIgnoreCase(encryptType);
  }
}
