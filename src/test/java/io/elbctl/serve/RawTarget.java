package io.elbctl.serve;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A target on a free 127.0.0.1 port that records every request exactly as it arrived (head and body
 * bytes, as ISO-8859-1 text) and answers each with the bytes {@link #answer} gives, or closes the
 * connection when it gives null. It frames requests by Content-Length or chunked only, which is all
 * the load balancer forwards.
 */
final class RawTarget implements AutoCloseable {
  static final String OK = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

  final ServerSocket server;
  final List<String> requests = new CopyOnWriteArrayList<>();
  final List<Socket> sockets = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  final AtomicInteger closedConnections = new AtomicInteger();
  volatile Function<String, String> answer = request -> OK;

  RawTarget() throws IOException {
    server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "raw-target");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Every request but health checks. */
  List<String> forwarded() {
    return requests.stream().filter(r -> !r.startsWith("GET /health ")).toList();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        connections.incrementAndGet();
        sockets.add(socket);
        Thread serving = new Thread(() -> serve(socket), "raw-target-connection");
        serving.setDaemon(true);
        serving.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (true) {
        String request = read(in);
        if (request == null) {
          return;
        }
        requests.add(request);
        String response =
            request.startsWith("HEAD ") ? OK.substring(0, OK.length() - 2) : answer.apply(request);
        if (response == null) {
          return;
        }
        out.write(response.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
    } catch (IOException e) {
      // The load balancer closed the connection.
    } finally {
      closedConnections.incrementAndGet();
    }
  }

  /** One request: head and body, or null at the end of the stream. */
  private static String read(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (!endsWith(bytes, "\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      bytes.write(b);
    }
    String head = bytes.toString(StandardCharsets.ISO_8859_1);
    String lower = head.toLowerCase(java.util.Locale.ROOT);
    int length = lower.indexOf("\r\ncontent-length: ");
    if (lower.contains("\r\ntransfer-encoding: chunked")) {
      while (!endsWith(bytes, "\r\n0\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          return null;
        }
        bytes.write(b);
      }
    } else if (length >= 0) {
      int end = lower.indexOf("\r\n", length + 2);
      long n = Long.parseLong(head.substring(length + 18, end).trim());
      for (long i = 0; i < n; i++) {
        int b = in.read();
        if (b < 0) {
          return null;
        }
        bytes.write(b);
      }
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  private static boolean endsWith(ByteArrayOutputStream bytes, String suffix) {
    if (bytes.size() < suffix.length()) {
      return false;
    }
    byte[] all = bytes.toByteArray();
    for (int i = 0; i < suffix.length(); i++) {
      if (all[all.length - suffix.length() + i] != suffix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
