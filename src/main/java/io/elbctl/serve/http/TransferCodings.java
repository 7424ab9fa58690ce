package io.elbctl.serve.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The transfer codings named in Transfer-Encoding field values: a comma-separated list whose items
 * are a coding name, optionally followed by {@code ;} parameters, with SP/HTAB around.
 */
final class TransferCodings {
  static final String CHUNKED = "chunked";
  static final String IDENTITY = "identity";

  /** The codings http-desync-guardian and RFC 7230 know; anything else is a bad value. */
  private static final Set<String> KNOWN = Set.of(CHUNKED, "compress", "deflate", "gzip", IDENTITY);

  private TransferCodings() {}

  /**
   * The coding of each list item in order, lower-cased and without parameters; an item that names
   * no known coding (an empty item included) is returned as null.
   */
  static List<String> of(byte[] value) {
    List<String> codings = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= value.length; i++) {
      if (i == value.length || value[i] == ',') {
        codings.add(coding(value, start, i));
        start = i + 1;
      }
    }
    return codings;
  }

  /** The codings of every field in order, as {@link #of(byte[])}. */
  static List<String> of(List<HeaderField> fields) {
    List<String> codings = new ArrayList<>();
    for (HeaderField field : fields) {
      codings.addAll(of(field.rawValue()));
    }
    return codings;
  }

  private static String coding(byte[] value, int from, int to) {
    int end = from;
    while (end < to && value[end] != ';') {
      end++;
    }
    int start = HttpBytes.skipWhitespace(value, from, end);
    end = HttpBytes.trimWhitespaceEnd(value, start, end);
    String name = HttpBytes.latin1(value, start, end).toLowerCase(Locale.ROOT);
    return KNOWN.contains(name) && HttpBytes.isToken(value, start, end) ? name : null;
  }
}
