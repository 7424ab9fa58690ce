package io.elbctl.sim;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 CIDR block, compared byte-wise against a connection's source address. */
public record Cidr(String source, byte[] network, int prefixLength) {

  /** Parses {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a /32 or /128. */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String address = slash >= 0 ? text.substring(0, slash) : text;
    byte[] bytes = address(address);
    if (bytes == null) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
    }
    int length = bytes.length * 8;
    if (slash >= 0) {
      try {
        length = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
      }
      if (length < 0 || length > bytes.length * 8) {
        throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
      }
    }
    return new Cidr(text, bytes, length);
  }

  /**
   * The bytes of a literal IPv4 or IPv6 address, or null when {@code text} is not one; never
   * resolves a name.
   */
  public static byte[] address(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    String bare =
        text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    boolean ipv6 = bare.indexOf(':') >= 0;
    if (!ipv6) {
      return ipv4(bare);
    }
    if (!bare.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      return null;
    }
    try {
      // A literal with only hex digits, colons and dots is parsed without any DNS lookup.
      byte[] bytes = InetAddress.getByName(bare).getAddress();
      return bytes.length == 16 ? bytes : null;
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static byte[] ipv4(String text) {
    byte[] bytes = new byte[4];
    int part = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '.';
      if (c == '.') {
        if (digits == 0 || part > 3) {
          return null;
        }
        bytes[part++] = (byte) value;
        value = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9' && digits < 3) {
        value = value * 10 + (c - '0');
        digits++;
        if (value > 255) {
          return null;
        }
      } else {
        return null;
      }
    }
    return part == 4 ? bytes : null;
  }

  /** True when the address lies inside this block; IPv4 never matches an IPv6 block. */
  public boolean contains(byte[] address) {
    if (address == null || address.length != network.length) {
      return false;
    }
    int full = prefixLength / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) {
        return false;
      }
    }
    int rest = prefixLength % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (address[full] & mask) == (network[full] & mask);
  }

  /** True when every address of {@code inner} is in this block. */
  public boolean containsBlock(Cidr inner) {
    return inner.network.length == network.length
        && inner.prefixLength >= prefixLength
        && contains(inner.network);
  }

  @Override
  public String toString() {
    return source;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Cidr cidr && cidr.source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }
}
