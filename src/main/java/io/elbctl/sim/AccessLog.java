package io.elbctl.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reads request lines fast: ALB access-log entries (space-separated, the request in the first
 * quoted field, e.g. {@code "GET https://host:443/path?q HTTP/1.1"}, the client as {@code ip:port}
 * in the fourth field) or plain {@code METHOD URL} lines. Bytes are scanned directly; only the
 * pieces a request needs become strings.
 */
public final class AccessLog {
  private AccessLog() {}

  /**
   * Counts of what was read.
   *
   * @param classifications requests per desync classification and reason, e.g. {@code Ambiguous
   *     SuspiciousHeader}, for the access-log entries that carry one (compliant ones write {@code
   *     -})
   */
  public record Stats(long lines, long unparsed, Map<String, Long> classifications) {}

  /** The classification field is this many quoted fields after the request field. */
  private static final int CLASSIFICATION_FIELD = 10;

  /**
   * Calls {@code sink} with each request; lines that are blank, comments or malformed are counted.
   */
  public static Stats read(InputStream in, Consumer<Request> sink) throws IOException {
    byte[] buffer = new byte[1 << 16];
    int start = 0;
    int end = 0;
    long lines = 0;
    long unparsed = 0;
    Map<String, Long> classifications = new TreeMap<>();
    while (true) {
      int newline = -1;
      for (int i = start; i < end; i++) {
        if (buffer[i] == '\n') {
          newline = i;
          break;
        }
      }
      if (newline < 0) {
        if (start > 0) {
          System.arraycopy(buffer, start, buffer, 0, end - start);
          end -= start;
          start = 0;
        }
        if (end == buffer.length) {
          buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
        }
        int read = in.read(buffer, end, buffer.length - end);
        if (read < 0) {
          if (end > start) {
            lines++;
            if (!line(buffer, start, end, sink)) {
              unparsed++;
            }
            classify(buffer, start, end, classifications);
          }
          return new Stats(lines, unparsed, classifications);
        }
        end += read;
        continue;
      }
      int lineEnd = newline > start && buffer[newline - 1] == '\r' ? newline - 1 : newline;
      if (lineEnd > start && buffer[start] != '#') {
        lines++;
        if (!line(buffer, start, lineEnd, sink)) {
          unparsed++;
        }
        classify(buffer, start, lineEnd, classifications);
      }
      start = newline + 1;
    }
  }

  private static boolean line(byte[] b, int from, int to, Consumer<Request> sink) {
    Request request = parse(b, from, to);
    if (request == null) {
      return false;
    }
    sink.accept(request);
    return true;
  }

  /**
   * Counts the entry's {@code classification} and {@code classification_reason} fields (the 11th
   * and 12th quoted fields, counting the request as the first) when they are there and not {@code
   * -}.
   */
  private static void classify(byte[] b, int from, int to, Map<String, Long> counts) {
    String tier = null;
    int field = 0;
    int i = indexOf(b, from, to, (byte) '"');
    while (i >= 0 && i < to) {
      int end = i + 1;
      while (end < to && b[end] != '"') {
        end += b[end] == '\\' ? 2 : 1;
      }
      if (end >= to) {
        return;
      }
      if (field == CLASSIFICATION_FIELD) {
        tier = text(b, i + 1, end);
      } else if (field == CLASSIFICATION_FIELD + 1) {
        if (!tier.equals("-")) {
          counts.merge(tier + " " + text(b, i + 1, end), 1L, Long::sum);
        }
        return;
      }
      field++;
      i = indexOf(b, end + 1, to, (byte) '"');
    }
  }

  /** Parses one line (without its newline), or returns null when it is not a request line. */
  public static Request parse(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return parse(bytes, 0, bytes.length);
  }

  static Request parse(byte[] b, int from, int to) {
    int quote = indexOf(b, from, to, (byte) '"');
    try {
      if (quote < 0) {
        int space = indexOf(b, from, to, (byte) ' ');
        if (space < 0) {
          return null;
        }
        String method = text(b, from, space);
        int urlEnd = indexOf(b, space + 1, to, (byte) ' ');
        return Request.parse(text(b, space + 1, urlEnd < 0 ? to : urlEnd), method);
      }
      int close = indexOf(b, quote + 1, to, (byte) '"');
      if (close < 0) {
        return null;
      }
      int space = indexOf(b, quote + 1, close, (byte) ' ');
      if (space < 0) {
        return null;
      }
      int urlEnd = indexOf(b, space + 1, close, (byte) ' ');
      String method = text(b, quote + 1, space);
      if (method.equals("-")) {
        return null;
      }
      Request request = Request.parse(text(b, space + 1, urlEnd < 0 ? close : urlEnd), method);
      String client = field(b, from, quote, 3);
      if (client != null) {
        int colon = Request.portColon(client);
        request = request.withSourceIp(colon > 0 ? client.substring(0, colon) : client);
      }
      return request;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** The {@code n}-th space-separated field before {@code to}, or null. */
  private static String field(byte[] b, int from, int to, int n) {
    int start = from;
    for (int k = 0; k < n; k++) {
      int space = indexOf(b, start, to, (byte) ' ');
      if (space < 0) {
        return null;
      }
      start = space + 1;
    }
    int space = indexOf(b, start, to, (byte) ' ');
    return space < 0 ? null : text(b, start, space);
  }

  private static int indexOf(byte[] b, int from, int to, byte wanted) {
    for (int i = from; i < to; i++) {
      if (b[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static String text(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
