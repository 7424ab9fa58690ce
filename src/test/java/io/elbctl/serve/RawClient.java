package io.elbctl.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A client connection to 127.0.0.1 that writes raw bytes and reads one response at a time. */
final class RawClient implements AutoCloseable {
  final Socket socket;
  private final InputStream in;

  RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    in = socket.getInputStream();
  }

  /** One response: its head and body as text. */
  record Response(int status, String head, String body) {
    boolean saysClose() {
      return head.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n");
    }
  }

  RawClient send(String raw) throws IOException {
    socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
    return this;
  }

  /** Sends {@code raw} and reads the response it gets. */
  Response exchange(String raw) throws IOException {
    return send(raw).read();
  }

  Response read() throws IOException {
    return read(false);
  }

  /** Reads one response; the answer to a HEAD has no body whatever its Content-Length says. */
  Response read(boolean answersHead) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (bytes.size() < 4 || !bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after " + bytes);
      }
      bytes.write(b);
    }
    String head = headText(bytes);
    int status = Integer.parseInt(head.substring(9, 12));
    String lower = head.toLowerCase(Locale.ROOT);
    int at = lower.indexOf("\r\ncontent-length: ");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (answersHead) {
      return new Response(status, head, "");
    }
    if (at >= 0) {
      long n = Long.parseLong(head.substring(at + 18, lower.indexOf("\r\n", at + 2)).trim());
      for (long i = 0; i < n; i++) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        body.write(b);
      }
    } else if (lower.contains("\r\ntransfer-encoding: chunked")) {
      while (!body.toString(StandardCharsets.ISO_8859_1).endsWith("0\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        body.write(b);
      }
    }
    return new Response(status, head, body.toString(StandardCharsets.ISO_8859_1));
  }

  private static String headText(ByteArrayOutputStream bytes) {
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  /** True when the load balancer closes the connection within 10 s (no more bytes, then EOF). */
  boolean closedByPeer() throws IOException {
    try {
      return in.read() < 0;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  /** True when the connection is still open after {@code millis} without data. */
  boolean openAfter(int millis) throws IOException {
    socket.setSoTimeout(millis);
    try {
      return in.read() >= 0;
    } catch (SocketTimeoutException e) {
      return true;
    } catch (IOException e) {
      return false;
    } finally {
      socket.setSoTimeout(10_000);
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
