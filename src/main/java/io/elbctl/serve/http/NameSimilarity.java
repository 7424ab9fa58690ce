package io.elbctl.serve.http;

/**
 * How close a raw field name is to a framing header's name ({@code transfer-encoding}, {@code
 * content-length}), in http-desync-guardian's terms: identical (equal ignoring ASCII case), the
 * same letters (a name that common normalisations — trimming, case folding, delimiter folding,
 * dropping control characters — turn into the framing name), or distant.
 *
 * <p>The same letters means: the name's letters and digits spell the framing name's words in order;
 * before the first and after the last letter any bytes without letters or digits may appear;
 * between two letters of a word only control characters and SP; where the framing name has its
 * hyphen, at least one byte that is not a letter or digit. The Unicode letters ſ (U+017F) and ı
 * (U+0131), which upper-case to S and I, count as {@code s} and {@code i}.
 */
enum NameSimilarity {
  IDENTICAL,
  SAME_LETTERS,
  DISTANT;

  static NameSimilarity of(byte[] name, String framingName) {
    if (HttpBytes.equalsIgnoreAsciiCase(name, framingName)) {
      return IDENTICAL;
    }
    int i = skipNonAlphanumeric(name, 0);
    String[] words = words(framingName);
    for (int w = 0; w < words.length; w++) {
      if (w > 0) {
        if (i >= name.length || HttpBytes.isAsciiAlphanumeric(name[i])) {
          return DISTANT;
        }
        i = skipNonAlphanumeric(name, i + 1);
      }
      String word = words[w];
      for (int c = 0; c < word.length(); c++) {
        if (c > 0) {
          i = skipControlsAndSpace(name, i);
        }
        int matched = matchLetter(name, i, word.charAt(c));
        if (matched == 0) {
          return DISTANT;
        }
        i += matched;
      }
    }
    return skipNonAlphanumeric(name, i) == name.length ? SAME_LETTERS : DISTANT;
  }

  private static final String[] TRANSFER_ENCODING_WORDS = {"transfer", "encoding"};
  private static final String[] CONTENT_LENGTH_WORDS = {"content", "length"};

  /** The framing name's words; the two framing names' are kept, as every header is compared. */
  private static String[] words(String framingName) {
    if (framingName.equals(DesyncClassifier.TRANSFER_ENCODING)) {
      return TRANSFER_ENCODING_WORDS;
    }
    if (framingName.equals(DesyncClassifier.CONTENT_LENGTH)) {
      return CONTENT_LENGTH_WORDS;
    }
    return framingName.split("-");
  }

  /** How many bytes at {@code i} spell {@code letter}: 1 for ASCII, 2 for ſ or ı, 0 if none. */
  private static int matchLetter(byte[] name, int i, char letter) {
    if (i >= name.length) {
      return 0;
    }
    if (HttpBytes.lower(name[i]) == letter) {
      return 1;
    }
    if (i + 1 < name.length) {
      int first = HttpBytes.unsigned(name[i]);
      int second = HttpBytes.unsigned(name[i + 1]);
      if (letter == 's' && first == 0xC5 && second == 0xBF) {
        return 2;
      }
      if (letter == 'i' && first == 0xC4 && second == 0xB1) {
        return 2;
      }
    }
    return 0;
  }

  private static int skipNonAlphanumeric(byte[] name, int from) {
    int i = from;
    while (i < name.length && !HttpBytes.isAsciiAlphanumeric(name[i])) {
      i++;
    }
    return i;
  }

  private static int skipControlsAndSpace(byte[] name, int from) {
    int i = from;
    while (i < name.length && HttpBytes.unsigned(name[i]) <= 0x20) {
      i++;
    }
    return i;
  }
}
