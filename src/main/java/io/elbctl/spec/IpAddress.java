package io.elbctl.spec;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The syntax of IP address literals and CIDR blocks, shared by the validator and the simulator's
 * source-IP matching; never resolves a name.
 */
public final class IpAddress {
  private IpAddress() {}

  /**
   * The bytes of a literal IPv4 or IPv6 address, or null when {@code text} is not one; an
   * IPv4-mapped IPv6 literal yields the four IPv4 bytes.
   */
  public static byte[] parse(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    if (text.indexOf(':') < 0) {
      return ipv4(text);
    }
    if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
      return null;
    }
    try {
      // A literal with only hex digits, colons and dots is parsed without any DNS lookup.
      return InetAddress.getByName(text).getAddress();
    } catch (UnknownHostException e) {
      return null;
    }
  }

  /**
   * The bytes of a literal address as source-IP matching sees it: an IPv6 literal always yields
   * sixteen bytes, so an IPv4-mapped one is refused (a connection's IPv6 source never matches an
   * IPv4 block).
   */
  public static byte[] sourceAddress(String text) {
    byte[] bytes = parse(text);
    return bytes != null && text.indexOf(':') >= 0 && bytes.length != 16 ? null : bytes;
  }

  /**
   * True for {@code address/prefix} with a prefix no longer than the address, as a source-ip
   * condition's block.
   */
  public static boolean isCidr(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || slash == text.length() - 1) {
      return false;
    }
    byte[] address = sourceAddress(text.substring(0, slash));
    if (address == null || !text.substring(slash + 1).matches("\\d{1,3}")) {
      return false;
    }
    int prefix = Integer.parseInt(text.substring(slash + 1));
    return prefix <= address.length * 8;
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
}
