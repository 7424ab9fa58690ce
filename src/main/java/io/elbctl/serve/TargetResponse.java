package io.elbctl.serve;

import io.elbctl.sim.Request;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A target's response head, validated before any of it is relayed: a well-formed status line,
 * header names that are tokens, no CR, LF or NUL inside a value, at most one Content-Length of
 * digits only, never both Content-Length and Transfer-Encoding, and Transfer-Encoding exactly
 * {@code chunked}. A head that fails any of these is the target's fault: the client gets 502.
 *
 * @param headers the headers to relay: hop-by-hop ones and those named in Connection removed
 */
record TargetResponse(
    int status,
    String reason,
    List<Request.Header> headers,
    long contentLength,
    boolean chunked,
    boolean keepAlive) {
  static final int MAX_HEAD = 64 * 1024;

  /**
   * Moves bytes of {@code data} into {@code head} up to the blank line that ends a head; the length
   * of the complete head, or -1 when more is needed.
   */
  static int headEnd(ByteBuf head, ByteBuf data) {
    while (data.isReadable()) {
      int lf = data.indexOf(data.readerIndex(), data.writerIndex(), (byte) '\n');
      if (lf < 0) {
        head.writeBytes(data);
        return -1;
      }
      head.writeBytes(data, lf - data.readerIndex() + 1);
      int n = head.writerIndex();
      if ((n >= 2 && head.getByte(n - 2) == '\n')
          || (n >= 3 && head.getByte(n - 2) == '\r' && head.getByte(n - 3) == '\n')) {
        return n;
      }
      if (n > MAX_HEAD) {
        return -1;
      }
    }
    return -1;
  }

  /** The validated head, or null when the target's head must not be relayed. */
  static TargetResponse parse(byte[] head) {
    List<String> lines = lines(head);
    if (lines == null || lines.isEmpty()) {
      return null;
    }
    String statusLine = lines.get(0);
    if (statusLine.length() < 12
        || !statusLine.startsWith("HTTP/1.")
        || (statusLine.charAt(7) != '0' && statusLine.charAt(7) != '1')
        || statusLine.charAt(8) != ' '
        || (statusLine.length() > 12 && statusLine.charAt(12) != ' ')) {
      return null;
    }
    int status = 0;
    for (int i = 9; i < 12; i++) {
      char c = statusLine.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
      status = status * 10 + (c - '0');
    }
    if (status < 100) {
      return null;
    }
    boolean http10 = statusLine.charAt(7) == '0';
    String reason = statusLine.length() > 13 ? statusLine.substring(13) : AlbPages.reason(status);
    List<Request.Header> all = new ArrayList<>(lines.size());
    long contentLength = -1;
    boolean chunked = false;
    boolean close = http10;
    List<String> named = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      int colon = line.indexOf(':');
      if (colon <= 0 || !token(line, colon)) {
        return null;
      }
      String name = line.substring(0, colon);
      String value = line.substring(colon + 1).strip();
      if (name.equalsIgnoreCase("content-length")) {
        if (contentLength >= 0 || !digits(value)) {
          return null;
        }
        contentLength = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("transfer-encoding")) {
        if (chunked || !value.equalsIgnoreCase("chunked")) {
          return null;
        }
        chunked = true;
      } else if (name.equalsIgnoreCase("connection")) {
        for (String token : value.split(",")) {
          String t = token.trim().toLowerCase(Locale.ROOT);
          close |= t.equals("close");
          close &= !(http10 && t.equals("keep-alive"));
          named.add(t);
        }
      }
      all.add(new Request.Header(name, value));
    }
    if (chunked && contentLength >= 0) {
      return null;
    }
    List<Request.Header> relayed = new ArrayList<>(all.size());
    for (Request.Header header : all) {
      String lower = header.name().toLowerCase(Locale.ROOT);
      if (!Exchange.hopByHop(header.name()) && !named.contains(lower)) {
        relayed.add(header);
      }
    }
    if (status == 101) {
      for (Request.Header header : all) {
        if (header.name().equalsIgnoreCase("upgrade")) {
          relayed.add(header);
        }
      }
    }
    return new TargetResponse(status, reason, relayed, contentLength, chunked, !close);
  }

  BodyReader bodyReader() {
    if (chunked) {
      return BodyReader.chunked();
    }
    if (contentLength >= 0) {
      return BodyReader.fixed(contentLength);
    }
    return BodyReader.untilClose();
  }

  /** The head's lines without their endings; null when a bare CR or a NUL is in it. */
  private static List<String> lines(byte[] head) {
    List<String> lines = new ArrayList<>(16);
    int start = 0;
    for (int i = 0; i < head.length; i++) {
      byte b = head[i];
      if (b == 0) {
        return null;
      }
      if (b == '\r' && (i + 1 >= head.length || head[i + 1] != '\n')) {
        return null;
      }
      if (b == '\n') {
        int end = i > start && head[i - 1] == '\r' ? i - 1 : i;
        if (end == start) {
          return lines;
        }
        byte first = head[start];
        if (first == ' ' || first == '\t') {
          // Obsolete line folding is not relayed.
          return null;
        }
        lines.add(new String(head, start, end - start, StandardCharsets.ISO_8859_1));
        start = i + 1;
      }
    }
    return lines;
  }

  private static boolean token(String line, int colon) {
    for (int i = 0; i < colon; i++) {
      char c = line.charAt(i);
      if (c <= 0x20 || c >= 0x7f || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean digits(String value) {
    if (value.isEmpty() || value.length() > 18) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) < '0' || value.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
