package cn.gov12345.intake.redis;

import java.nio.charset.StandardCharsets;

/**
 * The Redis Cluster key-to-slot rule (cluster spec, "Keys distribution model"): CRC16-XMODEM of the
 * key, or of the text between the first {@code {}} and the next {@code }}} when that is non-empty,
 * modulo 16384.
 */
public final class KeySlots {

  private KeySlots() {}

  /** The slot of a key. */
  public static int slot(String key) {
    byte[] k = key.getBytes(StandardCharsets.UTF_8);
    int open = indexOf(k, (byte) '{', 0);
    if (open >= 0) {
      int close = indexOf(k, (byte) '}', open + 1);
      if (close > open + 1) {
        return crc16(k, open + 1, close) & 16383;
      }
    }
    return crc16(k, 0, k.length) & 16383;
  }

  private static int indexOf(byte[] b, byte c, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** CRC16-CCITT (XMODEM): polynomial 0x1021, initial 0. */
  static int crc16(byte[] b, int from, int to) {
    int crc = 0;
    for (int i = from; i < to; i++) {
      crc ^= (b[i] & 0xff) << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      crc &= 0xffff;
    }
    return crc;
  }
}
