package io.elbctl.sim;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns bytes of access-log lines into requests without a regular expression or a string per field:
 * newlines and quotes are found eight bytes at a time, and only the method (usually a constant),
 * the host and client address (from small caches), the path and the query become strings. One
 * instance belongs to one thread and counts what it read.
 */
final class LogScanner {
  /** Receives each request read; {@code position} orders lines across chunks and threads. */
  interface Sink {
    void accept(Request request, long position);
  }

  /** The classification field is this many quoted fields after the request field. */
  private static final int CLASSIFICATION_FIELD = 10;

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long LOWS = 0x7F7F7F7F7F7F7F7FL;
  private static final long NEWLINES = ONES * '\n';
  private static final long QUOTES = ONES * '"';

  private static final String[] METHODS = {
    "GET", "POST", "PUT", "HEAD", "DELETE", "OPTIONS", "PATCH", "CONNECT", "TRACE"
  };
  private static final byte[][] METHOD_BYTES = new byte[METHODS.length][];

  static {
    for (int i = 0; i < METHODS.length; i++) {
      METHOD_BYTES[i] = METHODS[i].getBytes(StandardCharsets.US_ASCII);
    }
  }

  private final boolean bounded;
  private final boolean clients;
  private final long since;
  private final long until;
  private final TextCache hosts = new TextCache();
  private final TextCache addresses = new TextCache();

  long lines;
  long unparsed;
  long outside;
  final Map<String, Long> classifications = new TreeMap<>();

  /**
   * A scanner for lines in {@code window}; {@code clients} says whether requests need the client
   * address (only source-ip conditions read it).
   */
  LogScanner(ReplayWindow window, boolean clients) {
    this.clients = clients;
    this.bounded = window.bounded();
    this.since = window.sinceMicros();
    this.until = window.untilMicros();
  }

  /**
   * Reads the lines in {@code b[from, to)}, which holds whole lines (the last may lack its
   * newline); blank lines and {@code #} comments are skipped. Returns how many lines it counted.
   * Each byte is looked at about once: an entry's quoted fields are walked up to its
   * classification, and only the rest of the line is searched for its end.
   */
  long scan(byte[] b, int from, int to, long chunk, Sink sink) {
    long before = lines;
    int pos = from;
    long position = chunk << 32;
    while (pos < to) {
      int stop = b[pos] == '#' ? -1 : findEither(b, pos, to);
      int newline;
      if (stop >= 0 && b[stop] == '"') {
        newline = entryLine(b, pos, stop, to, position++, sink);
      } else {
        newline = stop >= 0 ? stop : find(b, pos, to, NEWLINES, (byte) '\n');
        if (newline < 0) {
          newline = to;
        }
        if (b[pos] != '#') {
          plainLine(b, pos, end(b, pos, newline), position++, sink);
        }
      }
      pos = newline + 1;
    }
    return lines - before;
  }

  /** The end of a line that ends at {@code newline}, without a carriage return before it. */
  private static int end(byte[] b, int from, int newline) {
    return newline > from && b[newline - 1] == '\r' ? newline - 1 : newline;
  }

  /** A line without a quote: a plain {@code METHOD URL} line, or blank. */
  private void plainLine(byte[] b, int from, int to, long position, Sink sink) {
    if (to == from) {
      return;
    }
    lines++;
    if (bounded && !inWindow(ReplayWindow.lineTime(b, from, to))) {
      return;
    }
    Request request = AccessLog.parsePlain(b, from, to);
    if (request == null) {
      unparsed++;
    } else {
      sink.accept(request, position);
    }
  }

  /**
   * An ALB entry whose first quote is at {@code quote}: walks its quoted fields to the
   * classification ones, then reads the request. Returns where the line ends (its newline, or
   * {@code to}). Quotes and newlines are found eight bytes at a time and every one in a word is
   * taken from the same mask, so the walk touches each byte once however short the fields are.
   */
  private int entryLine(byte[] b, int from, int quote, int to, long position, Sink sink) {
    int requestClose = -1;
    int tierFrom = -1;
    int tierTo = -1;
    int reasonTo = -1;
    int newline = -1;
    // Unescaped quotes so far: odd inside a field, whose opening quote is at open.
    int quotes = 1;
    int open = quote;
    // Words are read at indexes that are multiples of eight (aligned, which the client compiler
    // reads in one load); the first one ignores the bytes before the quote.
    int start = quote + 1;
    int i = start & ~7;
    long from8 = -1L << ((start & 7) << 3);
    walk:
    while (true) {
      long found;
      int base = i;
      if (i + 8 <= to) {
        found = quotesOrNewlines((long) LONGS.get(b, i)) & from8;
        from8 = -1L;
        i += 8;
      } else if (i < to) {
        found = i >= start && (b[i] == '"' || b[i] == '\n') ? 0x80 : 0;
        i++;
      } else {
        newline = to;
        break;
      }
      while (found != 0) {
        int p = base + lowestByte(found);
        found &= found - 1;
        if (b[p] == '\n') {
          newline = p;
          break walk;
        }
        if ((quotes & 1) == 0) {
          open = p;
          quotes++;
          continue;
        }
        if (b[p - 1] == '\\' && escaped(b, open + 1, p)) {
          continue;
        }
        int field = quotes >>> 1;
        quotes++;
        if (field == 0) {
          requestClose = p;
        } else if (field == CLASSIFICATION_FIELD) {
          tierFrom = open + 1;
          tierTo = p;
        } else if (field == CLASSIFICATION_FIELD + 1) {
          reasonTo = p;
          break walk;
        }
      }
    }
    if (newline < 0) {
      newline = find(b, reasonTo + 1, to, NEWLINES, (byte) '\n');
      if (newline < 0) {
        newline = to;
      }
    }
    lines++;
    if (bounded && !inWindow(ReplayWindow.lineTime(b, from, quote))) {
      return newline;
    }
    Request request = requestClose < 0 ? null : entry(b, from, quote, requestClose);
    if (request == null) {
      unparsed++;
    } else {
      sink.accept(request, position);
    }
    if (reasonTo >= 0 && (tierTo - tierFrom != 1 || b[tierFrom] != '-')) {
      classifications.merge(
          AccessLog.text(b, tierFrom, tierTo) + " " + AccessLog.text(b, open + 1, reasonTo),
          1L,
          Long::sum);
    }
    return newline;
  }

  /**
   * Whether the quote at {@code quote} is escaped: an odd number of backslashes, none before {@code
   * from}, precede it.
   */
  private static boolean escaped(byte[] b, int from, int quote) {
    int k = quote - 1;
    while (k >= from && b[k] == '\\') {
      k--;
    }
    return ((quote - 1 - k) & 1) == 1;
  }

  /**
   * True when a line stamped {@code time} counts; otherwise counts it as unparsed (no time) or
   * outside the window.
   */
  private boolean inWindow(long time) {
    if (time == Long.MIN_VALUE) {
      unparsed++;
      return false;
    }
    if (time < since || time >= until) {
      outside++;
      return false;
    }
    return true;
  }

  /** The request of one line without its newline, or null when it holds none. */
  Request request(byte[] b, int from, int to) {
    Request[] found = new Request[1];
    scan(b, from, to, 0, (request, position) -> found[0] = request);
    return found[0];
  }

  /**
   * An ALB entry's request: the first quoted field ({@code quote} to {@code close}), with the
   * client of the fourth field.
   */
  private Request entry(byte[] b, int from, int quote, int close) {
    int space = indexOf(b, quote + 1, close, (byte) ' ');
    if (space < 0) {
      return null;
    }
    String method = method(b, quote + 1, space);
    if (method.equals("-")) {
      return null;
    }
    int urlEnd = indexOf(b, space + 1, close, (byte) ' ');
    if (urlEnd < 0) {
      urlEnd = close;
    }
    String client = clients ? client(b, from, quote) : null;
    Request request = url(b, space + 1, urlEnd, method, client);
    if (request != null) {
      return request;
    }
    try {
      return Request.parse(AccessLog.text(b, space + 1, urlEnd), method).withSourceIp(client);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * The request for an {@code http(s)://host[:port]/path?query} URL, exactly as {@link
   * Request#parse} makes it, or null for any other shape (left to {@link Request#parse}).
   */
  Request url(byte[] b, int from, int to, String method, String client) {
    boolean https;
    int authority;
    if (startsWith(b, from, to, "https://")) {
      https = true;
      authority = from + 8;
    } else if (startsWith(b, from, to, "http://")) {
      https = false;
      authority = from + 7;
    } else {
      return null;
    }
    if ((b[to - 1] & 0xff) <= ' ') {
      // Request.parse trims the URL: leave such a URL to it.
      return null;
    }
    int p = authority;
    int colon = -1;
    while (p < to) {
      byte c = b[p];
      if (c == '/' || c == '?') {
        break;
      }
      if (c == ':') {
        colon = p;
      } else if (c == '@' || c == '[' || c == ']' || c == '#') {
        return null;
      }
      p++;
    }
    if (p == authority || colon == authority) {
      return null;
    }
    int defaultPort = https ? 443 : 80;
    int port = defaultPort;
    int hostEnd = p;
    if (colon >= 0) {
      port = port(b, colon + 1, p);
      if (port < 1) {
        return null;
      }
      if (port == defaultPort) {
        hostEnd = colon;
      }
    }
    int question = -1;
    for (int i = p; i < to; i++) {
      if (b[i] == '#') {
        return null;
      }
      if (b[i] == '?' && question < 0) {
        question = i;
      }
    }
    String path = question == p ? "/" : AccessLog.text(b, p, question < 0 ? to : question);
    String query = question < 0 ? null : AccessLog.text(b, question + 1, to);
    String host = hosts.text(b, authority, hostEnd);
    return new Request(
        method, https ? "https" : "http", host, port, path, query, List.of(), client);
  }

  /** A port of 1 to 5 digits in 1..65535, else -1. */
  private static int port(byte[] b, int from, int to) {
    if (to - from < 1 || to - from > 5) {
      return -1;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value <= 65535 ? value : -1;
  }

  private static String method(byte[] b, int from, int to) {
    for (int m = 0; m < METHOD_BYTES.length; m++) {
      byte[] known = METHOD_BYTES[m];
      if (known.length == to - from && regionEquals(b, from, known)) {
        return METHODS[m];
      }
    }
    return AccessLog.text(b, from, to);
  }

  /** The client address of the fourth field ({@code ip:port}) without its port, or null. */
  private String client(byte[] b, int from, int quote) {
    int start = from;
    for (int k = 0; k < 3; k++) {
      int space = indexOf(b, start, quote, (byte) ' ');
      if (space < 0) {
        return null;
      }
      start = space + 1;
    }
    int end = indexOf(b, start, quote, (byte) ' ');
    if (end < 0) {
      return null;
    }
    int colon = -1;
    for (int i = end - 1; i >= start; i--) {
      if (b[i] == ':') {
        colon = i;
        break;
      }
      if (b[i] == ']') {
        break;
      }
    }
    return addresses.text(b, start, colon > start ? colon : end);
  }

  /**
   * The first {@code wanted} byte in {@code b[from, to)}, or -1; {@code pattern} is the byte
   * repeated in each of a long's eight bytes (see {@link #bytesEqual}). Words are read at indexes
   * that are multiples of eight, the first one ignoring the bytes before {@code from}.
   */
  static int find(byte[] b, int from, int to, long pattern, byte wanted) {
    int i = from & ~7;
    if (i + 8 <= to) {
      long found = bytesEqual((long) LONGS.get(b, i), pattern) & (-1L << ((from & 7) << 3));
      if (found != 0) {
        return i + lowestByte(found);
      }
      for (i += 8; i + 8 <= to; i += 8) {
        found = bytesEqual((long) LONGS.get(b, i), pattern);
        if (found != 0) {
          return i + lowestByte(found);
        }
      }
    }
    for (i = Math.max(i, from); i < to; i++) {
      if (b[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  /** The first quote or newline in {@code b[from, to)}, or -1 (see {@link #find}). */
  static int findEither(byte[] b, int from, int to) {
    int i = from & ~7;
    if (i + 8 <= to) {
      long found = quotesOrNewlines((long) LONGS.get(b, i)) & (-1L << ((from & 7) << 3));
      if (found != 0) {
        return i + lowestByte(found);
      }
      for (i += 8; i + 8 <= to; i += 8) {
        found = quotesOrNewlines((long) LONGS.get(b, i));
        if (found != 0) {
          return i + lowestByte(found);
        }
      }
    }
    for (i = Math.max(i, from); i < to; i++) {
      if (b[i] == '"' || b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static long quotesOrNewlines(long word) {
    return bytesEqual(word, QUOTES) | bytesEqual(word, NEWLINES);
  }

  /**
   * The high bit of each byte of {@code word} that equals the byte {@code pattern} repeats, and no
   * other bit: a byte is zero after the XOR exactly where it matches, and adding 0x7F to its low
   * seven bits carries into the high bit unless all eight bits are zero (no borrow crosses bytes).
   */
  static long bytesEqual(long word, long pattern) {
    long x = word ^ pattern;
    return ~(((x & LOWS) + LOWS) | x | LOWS);
  }

  /**
   * The index (0 to 7) of the lowest byte flagged in a non-zero mask of high bits: the lowest flag
   * moved to bit 8k times a constant whose byte 7 - k holds k. A multiply instead of {@code
   * numberOfTrailingZeros}, which the client compiler calls rather than inlines.
   */
  static int lowestByte(long mask) {
    return (int) ((((mask & -mask) >>> 7) * 0x0001020304050607L) >>> 56);
  }

  private static int indexOf(byte[] b, int from, int to, byte wanted) {
    for (int i = from; i < to; i++) {
      if (b[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] b, int from, int to, String prefix) {
    if (to - from < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (b[from + i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean regionEquals(byte[] b, int from, byte[] known) {
    for (int i = 0; i < known.length; i++) {
      if (b[from + i] != known[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * The last few distinct byte strings seen and their strings: log lines repeat a handful of hosts
   * and clients, so most lookups find the string made for an earlier line.
   */
  private static final class TextCache {
    private static final int SIZE = 256;
    private final byte[][] keys = new byte[SIZE][];
    private final String[] values = new String[SIZE];

    String text(byte[] b, int from, int to) {
      int hash = 0;
      for (int i = from; i < to; i++) {
        hash = 31 * hash + b[i];
      }
      int slot = (hash ^ (hash >>> 16)) & (SIZE - 1);
      byte[] key = keys[slot];
      if (key != null
          && key.length == to - from
          && java.util.Arrays.equals(key, 0, key.length, b, from, to)) {
        return values[slot];
      }
      keys[slot] = java.util.Arrays.copyOfRange(b, from, to);
      values[slot] = AccessLog.text(b, from, to);
      return values[slot];
    }
  }
}
