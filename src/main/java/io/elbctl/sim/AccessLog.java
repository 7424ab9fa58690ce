package io.elbctl.sim;

import java.nio.charset.StandardCharsets;

/**
 * The request lines a replay reads: ALB access-log entries (space-separated, the request in the
 * first quoted field, e.g. {@code "GET https://host:443/path?q HTTP/1.1"}, the client as {@code
 * ip:port} in the fourth field) or plain {@code METHOD URL} lines. {@link LogScanner} reads them in
 * bulk; this class reads one.
 */
public final class AccessLog {
  private AccessLog() {}

  /** Parses one line (without its newline), or returns null when it is not a request line. */
  public static Request parse(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return new LogScanner(ReplayWindow.ALL, true).request(bytes, 0, bytes.length);
  }

  /** A plain {@code METHOD URL [anything]} line, or null. */
  static Request parsePlain(byte[] b, int from, int to) {
    int space = indexOf(b, from, to, (byte) ' ');
    if (space < 0) {
      return null;
    }
    String method = text(b, from, space);
    int urlEnd = indexOf(b, space + 1, to, (byte) ' ');
    try {
      return Request.parse(text(b, space + 1, urlEnd < 0 ? to : urlEnd), method);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static int indexOf(byte[] b, int from, int to, byte wanted) {
    for (int i = from; i < to; i++) {
      if (b[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  static String text(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
