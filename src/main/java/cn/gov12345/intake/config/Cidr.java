package cn.gov12345.intake.config;

import io.netty.util.NetUtil;
import java.util.Optional;

/**
 * An IPv4 or IPv6 address block ({@code 10.0.0.0/8}, {@code ::1/128}; a bare address is a block of
 * one). Parsing never resolves a name: anything but an address literal is refused.
 *
 * @param network the block's address bytes (4 or 16)
 * @param prefix the number of leading bits that must match
 */
public record Cidr(byte[] network, int prefix) {

  /** Reads a CIDR; empty when it is not one. */
  public static Optional<Cidr> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String t = text.strip();
    int slash = t.indexOf('/');
    byte[] address =
        NetUtil.createByteArrayFromIpAddressString(slash < 0 ? t : t.substring(0, slash));
    if (address == null) {
      return Optional.empty();
    }
    int bits = address.length * 8;
    int prefix = bits;
    if (slash >= 0) {
      String p = t.substring(slash + 1);
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
        return Optional.empty();
      }
      prefix = Integer.parseInt(p);
    }
    return Optional.of(new Cidr(address, prefix));
  }

  /** Whether an address literal lies in this block (false for anything but a literal). */
  public boolean contains(String addressLiteral) {
    byte[] a =
        addressLiteral == null ? null : NetUtil.createByteArrayFromIpAddressString(addressLiteral);
    if (a == null || a.length != network.length) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (a[full] & mask) == (network[full] & mask);
  }
}
