package cn.gov12345.intake.channel.wechat;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import cn.gov12345.intake.signing.HmacKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WeChat's message encryption ("消息加解密"): AES-256-CBC with key = Base64(EncodingAESKey + "="), IV =
 * the first 16 key bytes, PKCS#7 padding to 32-byte blocks, and plaintext = 16 random bytes +
 * 4-byte big-endian length + XML + appId. The appId after the XML is checked on every decrypt.
 */
final class WechatCrypto {

  private static final int BLOCK = 32;
  private static final String ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private static final ThreadLocal<Cipher> CIPHERS =
      ThreadLocal.withInitial(WechatCrypto::newCipher);

  private final String appId;
  private final SecretKeySpec aesKey;
  private final IvParameterSpec iv;
  private final HmacKey replyKey;

  WechatCrypto(String encodingAesKey, String appId) {
    byte[] key = decodeKey(encodingAesKey);
    this.appId = appId;
    this.aesKey = new SecretKeySpec(key, "AES");
    this.iv = new IvParameterSpec(Arrays.copyOfRange(key, 0, 16));
    this.replyKey = new HmacKey(key);
  }

  /**
   * Decodes a 43-character EncodingAESKey into its 32 bytes. Written by hand because the last
   * character carries 2 spare bits that WeChat does not zero: strict decoders (commons-codec ≥
   * 1.14) reject such valid keys.
   */
  static byte[] decodeKey(String encodingAesKey) {
    if (encodingAesKey == null || encodingAesKey.length() != 43) {
      throw new IllegalArgumentException("an EncodingAESKey has 43 characters");
    }
    byte[] out = new byte[32];
    long bits = 0;
    int count = 0;
    int at = 0;
    for (int i = 0; i < 43; i++) {
      int v = ALPHABET.indexOf(encodingAesKey.charAt(i));
      if (v < 0) {
        throw new IllegalArgumentException("an EncodingAESKey is Base64 text");
      }
      bits = (bits << 6) | v;
      count += 6;
      if (count >= 8 && at < 32) {
        count -= 8;
        out[at++] = (byte) (bits >>> count);
      }
    }
    return out;
  }

  /** SHA-1 hex of the sorted, concatenated parts (WeChat's signature and msg_signature). */
  static String signature(String... parts) {
    String[] sorted = parts.clone();
    Arrays.sort(sorted);
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      return HexFormat.of().formatHex(sha1.digest(String.join("", sorted).getBytes(UTF8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }

  /** Compares a received signature with the expected one in constant time. */
  static boolean matches(String expected, String received) {
    return received != null
        && MessageDigest.isEqual(expected.getBytes(UTF8), received.trim().getBytes(UTF8));
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  /**
   * Decrypts an {@code Encrypt} value.
   *
   * @return the inner XML bytes
   * @throws ChannelException {@code decryption_failed} when it is not a ciphertext of this key,
   *     {@code app_id_mismatch} when it was made for another appId
   */
  byte[] decrypt(String encrypt) {
    byte[] plain = decryptBlocks(encrypt);
    int pad = plain.length == 0 ? 0 : plain[plain.length - 1];
    if (pad < 1 || pad > BLOCK || pad > plain.length - 20) {
      throw failed();
    }
    int end = plain.length - pad;
    int length = ByteBuffer.wrap(plain, 16, 4).getInt();
    if (length < 0 || length > end - 20) {
      throw failed();
    }
    String from = new String(plain, 20 + length, end - 20 - length, UTF8);
    if (!MessageDigest.isEqual(from.getBytes(UTF8), appId.getBytes(UTF8))) {
      throw new ChannelException(
          ErrorCode.APP_ID_MISMATCH, "The message was encrypted for another official account.");
    }
    return Arrays.copyOfRange(plain, 20, 20 + length);
  }

  private byte[] decryptBlocks(String encrypt) {
    try {
      byte[] cipherText = Base64.getMimeDecoder().decode(encrypt);
      if (cipherText.length == 0 || cipherText.length % 16 != 0) {
        throw failed();
      }
      return cipher(Cipher.DECRYPT_MODE).doFinal(cipherText);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw failed();
    }
  }

  /** Encrypts a reply: {@code random16} must be 16 bytes (fresh, or derived per message). */
  String encrypt(byte[] random16, String xml) {
    byte[] body = xml.getBytes(UTF8);
    byte[] id = appId.getBytes(UTF8);
    int unpadded = 20 + body.length + id.length;
    int pad = BLOCK - unpadded % BLOCK;
    ByteBuffer plain = ByteBuffer.allocate(unpadded + pad);
    plain.put(random16, 0, 16).putInt(body.length).put(body).put(id);
    for (int i = 0; i < pad; i++) {
      plain.put((byte) pad);
    }
    try {
      return Base64.getEncoder().encodeToString(cipher(Cipher.ENCRYPT_MODE).doFinal(plain.array()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CBC is part of every JDK", e);
    }
  }

  private Cipher cipher(int mode) throws GeneralSecurityException {
    // one Cipher per thread (getInstance is the expensive part); init is cheap and resets it
    Cipher cipher = CIPHERS.get();
    cipher.init(mode, aesKey, iv);
    return cipher;
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance("AES/CBC/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CBC is part of every JDK", e);
    }
  }

  /** 16 bytes derived from the key and a message id, so a retry's reply is byte-identical. */
  byte[] derivedRandom(String messageId) {
    return Arrays.copyOf(replyKey.mac().doFinal(("reply:" + messageId).getBytes(UTF8)), 16);
  }

  private static ChannelException failed() {
    return new ChannelException(
        ErrorCode.DECRYPTION_FAILED,
        "The Encrypt value is not a ciphertext of this account's key.");
  }
}
