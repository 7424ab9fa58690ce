package io.elbctl.serve;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A buffered reader of HTTP/1.1 framing over one socket: lines for the head, then bodies copied
 * through unchanged (fixed length, chunked with its framing and trailers, or up to the close), so a
 * proxy streams bodies without holding them whole.
 */
final class HttpInput {
  /** Thrown when a line or the whole head is longer than the ALB accepts. */
  static final class TooLargeException extends IOException {
    TooLargeException(String message) {
      super(message);
    }
  }

  private final InputStream in;
  private final byte[] buf;
  private int pos;
  private int lim;
  private long consumed;

  HttpInput(InputStream in, int size) {
    this.in = in;
    this.buf = new byte[size];
  }

  /** Bytes handed out so far, for the access log. */
  long consumed() {
    return consumed;
  }

  /** True when bytes are already buffered, so a read would not block. */
  boolean buffered() {
    return pos < lim;
  }

  private boolean fill() throws IOException {
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    lim = n;
    return true;
  }

  /**
   * One line without its CRLF (a bare LF is accepted), or null at the end of the stream before any
   * byte of the line.
   */
  String readLine(int max) throws IOException {
    StringBuilder line = null;
    while (true) {
      if (pos >= lim && !fill()) {
        if (line == null) {
          return null;
        }
        throw new EOFException("connection closed in the middle of a line");
      }
      int start = pos;
      while (pos < lim && buf[pos] != '\n') {
        pos++;
      }
      boolean found = pos < lim;
      int end = pos;
      if (found) {
        pos++;
      }
      consumed += pos - start;
      if (line == null && found) {
        int stop = end > start && buf[end - 1] == '\r' ? end - 1 : end;
        if (stop - start > max) {
          throw new TooLargeException("line longer than " + max + " bytes");
        }
        return new String(buf, start, stop - start, StandardCharsets.ISO_8859_1);
      }
      if (line == null) {
        line = new StringBuilder(Math.max(64, (end - start) * 2));
      }
      line.append(new String(buf, start, end - start, StandardCharsets.ISO_8859_1));
      if (line.length() > max + 1) {
        throw new TooLargeException("line longer than " + max + " bytes");
      }
      if (found) {
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
          line.setLength(length - 1);
        }
        return line.toString();
      }
    }
  }

  /** Reads exactly {@code n} bytes. */
  byte[] readFully(int n) throws IOException {
    byte[] out = new byte[n];
    int done = 0;
    while (done < n) {
      if (pos >= lim && !fill()) {
        throw new EOFException("connection closed after " + done + " of " + n + " body bytes");
      }
      int take = Math.min(n - done, lim - pos);
      System.arraycopy(buf, pos, out, done, take);
      pos += take;
      done += take;
    }
    consumed += n;
    return out;
  }

  /** Copies exactly {@code n} bytes, flushing whenever the source has nothing more buffered. */
  void copyFixed(long n, OutputStream out) throws IOException {
    long left = n;
    while (left > 0) {
      if (pos >= lim) {
        out.flush();
        if (!fill()) {
          throw new EOFException("connection closed with " + left + " body bytes missing");
        }
      }
      int take = (int) Math.min(left, lim - pos);
      out.write(buf, pos, take);
      pos += take;
      left -= take;
      consumed += take;
    }
  }

  /** Copies until the stream ends (a body delimited by the connection's close). */
  void copyToEnd(OutputStream out) throws IOException {
    while (true) {
      if (pos >= lim) {
        out.flush();
        if (!fill()) {
          return;
        }
      }
      int take = lim - pos;
      out.write(buf, pos, take);
      consumed += take;
      pos = lim;
    }
  }

  /**
   * Copies a chunked body as it is, chunk sizes, extensions and trailers included, ending after the
   * last chunk's trailer section.
   */
  void copyChunked(OutputStream out) throws IOException {
    while (true) {
      flushBeforeWaiting(out);
      String sizeLine = readLine(8192);
      if (sizeLine == null) {
        throw new EOFException("connection closed before the last chunk");
      }
      writeLine(out, sizeLine);
      long size = chunkSize(sizeLine);
      if (size == 0) {
        while (true) {
          flushBeforeWaiting(out);
          String trailer = readLine(16 * 1024);
          if (trailer == null) {
            throw new EOFException("connection closed in the chunked trailer");
          }
          writeLine(out, trailer);
          if (trailer.isEmpty()) {
            return;
          }
        }
      }
      copyFixed(size, out);
      flushBeforeWaiting(out);
      String end = readLine(16);
      if (end == null || !end.isEmpty()) {
        throw new IOException("malformed chunk: no CRLF after its data");
      }
      writeLine(out, "");
    }
  }

  /**
   * Streams what was copied so far when the next read would block, so nothing waits in a buffer.
   */
  private void flushBeforeWaiting(OutputStream out) throws IOException {
    if (pos >= lim) {
      out.flush();
    }
  }

  private static void writeLine(OutputStream out, String line) throws IOException {
    out.write(line.getBytes(StandardCharsets.ISO_8859_1));
    out.write('\r');
    out.write('\n');
  }

  static long chunkSize(String line) throws IOException {
    int end = 0;
    while (end < line.length() && Character.digit(line.charAt(end), 16) >= 0) {
      end++;
    }
    if (end == 0 || end > 15) {
      throw new IOException("malformed chunk size '" + line + "'");
    }
    return Long.parseLong(line.substring(0, end), 16);
  }
}
