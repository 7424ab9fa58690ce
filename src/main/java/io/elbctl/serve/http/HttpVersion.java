package io.elbctl.serve.http;

/**
 * What a request line's version bytes mean to the classifier: HTTP/0.9 when missing (nothing but
 * SP/HTAB) or {@code HTTP/0.9}, HTTP/1.x when of the form {@code HTTP/1.<digit>}, bad otherwise;
 * and whether whitespace surrounded them.
 */
record HttpVersion(Kind kind, int minor, boolean padded, boolean missing) {
  enum Kind {
    HTTP_0_9,
    HTTP_1,
    BAD
  }

  static HttpVersion of(byte[] version) {
    int start = HttpBytes.skipWhitespace(version, 0, version.length);
    int end = HttpBytes.trimWhitespaceEnd(version, start, version.length);
    boolean padded = start > 0 || end < version.length;
    String text = HttpBytes.latin1(version, start, end);
    if (text.isEmpty() || text.equals("HTTP/0.9")) {
      return new HttpVersion(Kind.HTTP_0_9, 9, padded, text.isEmpty());
    }
    if (text.length() == 8 && text.startsWith("HTTP/1.") && HttpBytes.isDigit(version[end - 1])) {
      return new HttpVersion(Kind.HTTP_1, version[end - 1] - '0', padded, false);
    }
    return new HttpVersion(Kind.BAD, -1, padded, false);
  }

  /** HTTP/0.9 or HTTP/1.0: versions before Transfer-Encoding existed. */
  boolean beforeHttp11() {
    return kind == Kind.HTTP_0_9 || kind == Kind.HTTP_1 && minor == 0;
  }
}
