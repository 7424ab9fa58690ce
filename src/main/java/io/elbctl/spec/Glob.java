package io.elbctl.spec;

import java.util.Locale;

/**
 * An ALB wildcard pattern compiled once: {@code *} matches any run of characters (including {@code
 * /}), {@code ?} exactly one, the whole value must match, and nothing else is special. The one
 * escape ALB documents is query-string's {@code \*} and {@code \?}; a backslash before anything
 * else stands for itself, so {@code \\*} is a backslash and a literal star (there is no {@code \\}
 * escape). The validator's wildcard quota and the simulator's matching both read patterns here. The
 * matcher walks characters without regex or allocation.
 */
public final class Glob {
  private static final byte LITERAL = 0;
  private static final byte ONE = 1;
  private static final byte ANY = 2;

  private final String source;
  private final char[] chars;
  private final byte[] kinds;
  private final int wildcards;
  private final String literal;
  private final Shape shape;

  private enum Shape {
    EXACT,
    PREFIX,
    SUFFIX,
    GENERAL
  }

  private Glob(String source, char[] chars, byte[] kinds) {
    this.source = source;
    this.chars = chars;
    this.kinds = kinds;
    int count = 0;
    for (byte kind : kinds) {
      if (kind != LITERAL) {
        count++;
      }
    }
    this.wildcards = count;
    int n = kinds.length;
    if (count == 0) {
      shape = Shape.EXACT;
      literal = new String(chars);
    } else if (count == 1 && n > 0 && kinds[n - 1] == ANY) {
      shape = Shape.PREFIX;
      literal = new String(chars, 0, n - 1);
    } else if (count == 1 && kinds[0] == ANY) {
      shape = Shape.SUFFIX;
      literal = new String(chars, 1, n - 1);
    } else {
      shape = Shape.GENERAL;
      literal = null;
    }
  }

  /** A case-sensitive glob (paths). */
  public static Glob of(String pattern) {
    return compile(pattern, false, false);
  }

  /** A glob compared with lower-cased input (hosts, header values, query strings). */
  public static Glob ignoringCase(String pattern) {
    return compile(pattern, true, false);
  }

  /** A query-string glob: case-insensitive, and {@code \*}, {@code \?} stand for themselves. */
  public static Glob queryString(String pattern) {
    return compile(pattern, true, true);
  }

  private static Glob compile(String pattern, boolean lowerCase, boolean escapes) {
    String text = lowerCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
    char[] chars = new char[text.length()];
    byte[] kinds = new byte[text.length()];
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (escapes && c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(i + 1);
        if (next == '*' || next == '?') {
          chars[n] = next;
          kinds[n++] = LITERAL;
          i++;
          continue;
        }
      }
      chars[n] = c;
      kinds[n++] = c == '*' ? ANY : c == '?' ? ONE : LITERAL;
    }
    return new Glob(pattern, java.util.Arrays.copyOf(chars, n), java.util.Arrays.copyOf(kinds, n));
  }

  /** The pattern as written in the spec. */
  public String source() {
    return source;
  }

  /** Number of {@code *} and {@code ?} wildcards (escaped ones excluded), as the quota counts. */
  public int wildcards() {
    return wildcards;
  }

  /** The literal characters before the first wildcard. */
  public String literalPrefix() {
    for (int i = 0; i < kinds.length; i++) {
      if (kinds[i] != LITERAL) {
        return new String(chars, 0, i);
      }
    }
    return new String(chars);
  }

  /** True when the whole of {@code value} matches; case-insensitive globs expect lower case. */
  public boolean matches(String value) {
    switch (shape) {
      case EXACT:
        return literal.equals(value);
      case PREFIX:
        return value.startsWith(literal);
      case SUFFIX:
        return value.endsWith(literal);
      default:
        return matchGeneral(value);
    }
  }

  private boolean matchGeneral(String value) {
    int n = value.length();
    int m = kinds.length;
    int p = 0;
    int s = 0;
    int starP = -1;
    int starS = 0;
    while (s < n) {
      if (p < m && kinds[p] != ANY && (kinds[p] == ONE || chars[p] == value.charAt(s))) {
        p++;
        s++;
      } else if (p < m && kinds[p] == ANY) {
        starP = p++;
        starS = s;
      } else if (starP >= 0) {
        p = starP + 1;
        s = ++starS;
      } else {
        return false;
      }
    }
    while (p < m && kinds[p] == ANY) {
      p++;
    }
    return p == m;
  }

  /**
   * True when every value this glob matches is also matched by {@code outer} (language inclusion).
   * Sound: a true answer is a proof; it treats this glob's wildcards as symbols that only a {@code
   * *} (or, for {@code ?}, a {@code ?}) of {@code outer} can absorb.
   */
  public boolean isWithin(Glob outer) {
    int m = outer.kinds.length;
    int n = kinds.length;
    boolean[][] can = new boolean[m + 1][n + 1];
    can[m][n] = true;
    for (int i = m - 1; i >= 0; i--) {
      for (int j = n; j >= 0; j--) {
        byte ok = outer.kinds[i];
        if (ok == ANY) {
          can[i][j] = can[i + 1][j] || (j < n && can[i][j + 1]);
        } else if (j == n || kinds[j] == ANY) {
          can[i][j] = false;
        } else if (ok == ONE) {
          can[i][j] = can[i + 1][j + 1];
        } else {
          can[i][j] = kinds[j] == LITERAL && outer.chars[i] == chars[j] && can[i + 1][j + 1];
        }
      }
    }
    return can[0][0];
  }

  /** One concrete value this glob matches: each {@code *} becomes {@code fill}, {@code ?} 'a'. */
  public String example(String fill) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < kinds.length; i++) {
      out.append(kinds[i] == ANY ? fill : kinds[i] == ONE ? "a" : String.valueOf(chars[i]));
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return source;
  }
}
