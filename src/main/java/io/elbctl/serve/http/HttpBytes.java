package io.elbctl.serve.http;

import java.nio.charset.StandardCharsets;

/** The character classes of RFC 7230 on raw bytes, and the byte comparisons the parsers share. */
final class HttpBytes {
  static final byte CR = '\r';
  static final byte LF = '\n';
  static final byte SP = ' ';
  static final byte HTAB = '\t';
  static final byte COLON = ':';

  private static final String TCHAR_SYMBOLS = "!#$%&'*+-.^_`|~";

  private HttpBytes() {}

  static int unsigned(byte b) {
    return b & 0xFF;
  }

  /** tchar: the characters of a token (method, field name, transfer coding). */
  static boolean isTchar(byte b) {
    int c = unsigned(b);
    return (c >= '0' && c <= '9')
        || (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c < 0x80 && TCHAR_SYMBOLS.indexOf(c) >= 0);
  }

  /** OWS: SP or HTAB. */
  static boolean isWhitespace(byte b) {
    return b == SP || b == HTAB;
  }

  /**
   * NUL, CR and LF: bytes that never belong inside a request line or header field and that some
   * parsers treat as line breaks, so their presence means a parsing error or a crafted request.
   */
  static boolean isBreaking(byte b) {
    return b == 0 || b == CR || b == LF;
  }

  /** field-vchar, SP and HTAB: what a field value may hold (VCHAR, obs-text and whitespace). */
  static boolean isValueChar(byte b) {
    int c = unsigned(b);
    return c >= 0x20 && c != 0x7F || c == HTAB;
  }

  /** A byte allowed in a request target: anything but a control character or SP. */
  static boolean isTargetChar(byte b) {
    int c = unsigned(b);
    return c > 0x20 && c != 0x7F;
  }

  static boolean isAsciiAlphanumeric(byte b) {
    int c = unsigned(b);
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  static boolean isDigit(byte b) {
    return b >= '0' && b <= '9';
  }

  static int hexValue(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    return -1;
  }

  static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
  }

  static boolean equalsIgnoreAsciiCase(byte[] bytes, String text) {
    return equalsIgnoreAsciiCase(bytes, 0, bytes.length, text);
  }

  static boolean equalsIgnoreAsciiCase(byte[] bytes, int from, int to, String text) {
    if (to - from != text.length()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (lower(bytes[i]) != lower((byte) text.charAt(i - from))) {
        return false;
      }
    }
    return true;
  }

  /** True when every byte is a tchar and there is at least one. */
  static boolean isToken(byte[] bytes, int from, int to) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (!isTchar(bytes[i])) {
        return false;
      }
    }
    return true;
  }

  /** Index of the first byte at or after {@code from} that is not SP/HTAB, at most {@code to}. */
  static int skipWhitespace(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to && isWhitespace(bytes[i])) {
      i++;
    }
    return i;
  }

  /** Index after the last byte before {@code to} that is not SP/HTAB, at least {@code from}. */
  static int trimWhitespaceEnd(byte[] bytes, int from, int to) {
    int i = to;
    while (i > from && isWhitespace(bytes[i - 1])) {
      i--;
    }
    return i;
  }

  static byte[] latin1(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String latin1(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
  }

  /** Printable form for messages: control and non-ASCII bytes as {@code \xHH}. */
  static String quote(byte[] bytes) {
    StringBuilder out = new StringBuilder(bytes.length + 2).append('"');
    for (byte b : bytes) {
      int c = unsigned(b);
      if (c == '\\' || c == '"') {
        out.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7F) {
        out.append((char) c);
      } else {
        out.append(String.format("\\x%02x", c));
      }
    }
    return out.append('"').toString();
  }
}
