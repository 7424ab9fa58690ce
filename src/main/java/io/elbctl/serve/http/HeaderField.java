package io.elbctl.serve.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One header field exactly as received: the bytes before the first colon of its line (the name: may
 * hold whitespace, control characters or non-ASCII bytes) and the bytes after it (the value,
 * leading and trailing whitespace included), nothing trimmed or decoded. Immutable: the public
 * constructor and accessors copy; the parsers of this package hand over arrays they made and read
 * them in place.
 */
public final class HeaderField {
  private final byte[] name;
  private final byte[] value;

  public HeaderField(byte[] name, byte[] value) {
    this(name.clone(), value.clone(), Adopted.ARRAYS);
  }

  /** Tells the constructor that keeps its arrays apart from the one that copies them. */
  private enum Adopted {
    ARRAYS
  }

  private HeaderField(byte[] name, byte[] value, Adopted adopted) {
    this.name = name;
    this.value = value;
  }

  /** A field that takes {@code name} and {@code value} as they are: neither may change after. */
  static HeaderField adopt(byte[] name, byte[] value) {
    return new HeaderField(name, value, Adopted.ARRAYS);
  }

  /** A field from ISO-8859-1 text, one byte per character. */
  public static HeaderField of(String name, String value) {
    return new HeaderField(HttpBytes.latin1(name), HttpBytes.latin1(value));
  }

  /** A copy of the name bytes. */
  public byte[] name() {
    return name.clone();
  }

  /** A copy of the value bytes. */
  public byte[] value() {
    return value.clone();
  }

  /** The name bytes themselves, for reading in this package. */
  byte[] rawName() {
    return name;
  }

  /** The value bytes themselves, for reading in this package. */
  byte[] rawValue() {
    return value;
  }

  /**
   * Names most heads carry, spelled as most servers and browsers send them: {@link #nameText} hands
   * out these strings instead of a new one per field.
   */
  private static final String[] COMMON_NAMES = {
    "Accept",
    "Accept-Encoding",
    "Accept-Language",
    "Accept-Ranges",
    "Cache-Control",
    "Connection",
    "Content-Encoding",
    "Content-Length",
    "Content-Type",
    "Cookie",
    "Date",
    "ETag",
    "Expires",
    "Host",
    "Keep-Alive",
    "Last-Modified",
    "Location",
    "Server",
    "Set-Cookie",
    "Transfer-Encoding",
    "User-Agent",
    "Vary",
    "X-Forwarded-For"
  };

  private static final byte[][] COMMON_NAME_BYTES =
      Arrays.stream(COMMON_NAMES).map(HttpBytes::latin1).toArray(byte[][]::new);

  /** The name as ISO-8859-1 text, one character per byte. */
  public String nameText() {
    for (int i = 0; i < COMMON_NAME_BYTES.length; i++) {
      if (Arrays.equals(name, COMMON_NAME_BYTES[i])) {
        return COMMON_NAMES[i];
      }
    }
    return new String(name, StandardCharsets.ISO_8859_1);
  }

  /** The value as ISO-8859-1 text, one character per byte. */
  public String valueText() {
    return new String(value, StandardCharsets.ISO_8859_1);
  }

  /** The value without its leading and trailing SP/HTAB, as ISO-8859-1 text. */
  public String trimmedValue() {
    int start = 0;
    int end = value.length;
    while (start < end && HttpBytes.isWhitespace(value[start])) {
      start++;
    }
    while (end > start && HttpBytes.isWhitespace(value[end - 1])) {
      end--;
    }
    return new String(value, start, end - start, StandardCharsets.ISO_8859_1);
  }

  /** True when the name is exactly {@code other}, ignoring ASCII case. */
  public boolean isNamed(String other) {
    return HttpBytes.equalsIgnoreAsciiCase(name, other);
  }

  /** The field as it goes on the wire: name, colon, value, CRLF. */
  public byte[] toWire() {
    byte[] line = new byte[name.length + value.length + 3];
    System.arraycopy(name, 0, line, 0, name.length);
    line[name.length] = ':';
    System.arraycopy(value, 0, line, name.length + 1, value.length);
    line[line.length - 2] = '\r';
    line[line.length - 1] = '\n';
    return line;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HeaderField other
        && Arrays.equals(name, other.name)
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(name) + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return HttpBytes.quote(name) + ": " + HttpBytes.quote(value);
  }
}
