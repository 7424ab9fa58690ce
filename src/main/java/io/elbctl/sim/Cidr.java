package io.elbctl.sim;

import io.elbctl.spec.IpAddress;

/** An IPv4 or IPv6 CIDR block, compared byte-wise against a connection's source address. */
public record Cidr(String source, byte[] network, int prefixLength) {

  /**
   * Parses {@code 10.0.0.0/8} or {@code 2001:db8::/32}; a bare address is a /32 or /128; a
   * malformed one is a {@link RuleCompilationException}.
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    String address = slash >= 0 ? text.substring(0, slash) : text;
    byte[] bytes = address(address);
    if (bytes == null) {
      throw new RuleCompilationException("'" + text + "' is not an IP address or CIDR block");
    }
    int length = bytes.length * 8;
    if (slash >= 0) {
      try {
        length = Integer.parseInt(text.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new RuleCompilationException("'" + text + "' has an invalid prefix length");
      }
      if (length < 0 || length > bytes.length * 8) {
        throw new RuleCompilationException("'" + text + "' has an invalid prefix length");
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
    return IpAddress.sourceAddress(bare);
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
