package io.elbctl.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads request lines fast: ALB access-log entries (space-separated, the request in the first
 * quoted field, e.g. {@code "GET https://host:443/path?q HTTP/1.1"}, the client as {@code ip:port}
 * in the fourth field) or plain {@code METHOD URL} lines. Bytes are scanned directly; only the
 * pieces a request needs become strings.
 */
public final class AccessLog {
  private AccessLog() {}

  /** Counts of what was read. */
  public record Stats(long lines, long unparsed) {}

  /**
   * Calls {@code sink} with each request; lines that are blank, comments or malformed are counted.
   */
  public static Stats read(InputStream in, Consumer<Request> sink) throws IOException {
    byte[] buffer = new byte[1 << 16];
    int start = 0;
    int end = 0;
    long lines = 0;
    long unparsed = 0;
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
          }
          return new Stats(lines, unparsed);
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
