package io.elbctl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server socket standing in for AWS: it counts every connection and answers each request
 * with AccessDenied, so a test can prove that a command made no AWS call at all.
 */
final class RecordingEndpoint implements AutoCloseable {
  private static final String DENIED =
      "<?xml version=\"1.0\"?>\n<ErrorResponse"
          + " xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Error><Type>Sender</Type>"
          + "<Code>AccessDenied</Code><Message>not authorized</Message></Error>"
          + "<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>";

  private final ServerSocket server;
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;
  private final boolean echo;
  private final StringBuilder received = new StringBuilder();

  RecordingEndpoint() throws IOException {
    this(false);
  }

  /**
   * With {@code echo}, the AccessDenied message repeats the request's headers, as a careless proxy
   * might: the worst case for credentials leaking into elbctl's error messages.
   */
  RecordingEndpoint(boolean echo) throws IOException {
    this.echo = echo;
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::serve, "recording-endpoint");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        connections.incrementAndGet();
        socket.setSoTimeout(5000);
        String headers = drainHeaders(socket.getInputStream());
        synchronized (received) {
          received.append(headers);
        }
        String denied =
            echo
                ? DENIED.replace(
                    "not authorized",
                    "not authorized: "
                        + headers.replace("&", "&amp;").replace("<", "&lt;").replace("\r\n", " "))
                : DENIED;
        byte[] body = denied.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("HTTP/1.1 403 Forbidden\r\nContent-Type: text/xml\r\nContent-Length: "
                    + body.length
                    + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
      } catch (IOException e) {
        // A closed server ends the loop; a broken client connection is still counted.
      }
    }
  }

  /** Everything the endpoint was sent so far (request lines and headers). */
  String received() {
    synchronized (received) {
      return received.toString();
    }
  }

  private static String drainHeaders(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      text.append((char) b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return text.toString();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
