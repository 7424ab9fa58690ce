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

  RecordingEndpoint() throws IOException {
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
        drainHeaders(socket.getInputStream());
        byte[] body = DENIED.getBytes(StandardCharsets.UTF_8);
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

  private static void drainHeaders(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
