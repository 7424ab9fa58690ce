package io.elbctl.serve.http;

import java.util.OptionalLong;

/** The one accepted form of a Content-Length value: decimal digits only, SP/HTAB around them. */
final class ContentLengthValue {
  private ContentLengthValue() {}

  /**
   * The length, or empty when the value is anything else: a sign ({@code +5}), a list ({@code 5,
   * 5}), inner whitespace, other characters, no digit at all, or a number above {@link
   * Long#MAX_VALUE}. Leading zeros are digits ({@code 0005} is 5), as RFC 7230's {@code 1*DIGIT}
   * and http-desync-guardian have it.
   */
  static OptionalLong parse(byte[] value) {
    int start = HttpBytes.skipWhitespace(value, 0, value.length);
    int end = HttpBytes.trimWhitespaceEnd(value, start, value.length);
    if (start == end) {
      return OptionalLong.empty();
    }
    long length = 0;
    for (int i = start; i < end; i++) {
      if (!HttpBytes.isDigit(value[i])) {
        return OptionalLong.empty();
      }
      int digit = value[i] - '0';
      if (length > (Long.MAX_VALUE - digit) / 10) {
        return OptionalLong.empty();
      }
      length = length * 10 + digit;
    }
    return OptionalLong.of(length);
  }
}
