package io.elbctl.serve;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Kept-alive connections to the targets, one idle stack per target address: the most recently used
 * connection is reused first, connections idle too long are closed instead.
 */
final class UpstreamPool implements AutoCloseable {
  private static final int MAX_IDLE_PER_TARGET = 512;
  private static final long MAX_IDLE_NANOS = 20_000_000_000L;

  /** One open connection to a target. */
  static final class Connection implements AutoCloseable {
    final String key;
    final Socket socket;
    final HttpInput in;
    final OutputStream out;
    final boolean reused;
    long idleSince;

    private Connection(String key, Socket socket, boolean reused) throws IOException {
      this.key = key;
      this.socket = socket;
      this.in = new HttpInput(socket.getInputStream(), 16 * 1024);
      this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
      this.reused = reused;
    }

    private Connection(Connection idle) {
      this.key = idle.key;
      this.socket = idle.socket;
      this.in = idle.in;
      this.out = idle.out;
      this.reused = true;
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // Already gone: nothing to release.
      }
    }
  }

  private final ConcurrentHashMap<String, Deque<Connection>> idle = new ConcurrentHashMap<>();
  private final int connectTimeoutMillis;
  private volatile boolean closed;
  private SSLSocketFactory tls;

  UpstreamPool(int connectTimeoutMillis) {
    this.connectTimeoutMillis = connectTimeoutMillis;
  }

  /** An idle connection to the target when one is kept, else null. */
  Connection reuse(String host, int port, boolean https) {
    Deque<Connection> stack = idle.get(key(host, port, https));
    if (stack == null) {
      return null;
    }
    long now = System.nanoTime();
    for (Connection c = stack.pollFirst(); c != null; c = stack.pollFirst()) {
      if (now - c.idleSince < MAX_IDLE_NANOS && !c.socket.isClosed()) {
        return new Connection(c);
      }
      c.close();
    }
    return null;
  }

  /**
   * A new connection.
   *
   * @throws java.net.SocketTimeoutException when the target does not accept in time
   * @throws java.net.ConnectException when it refuses
   */
  Connection open(String host, int port, boolean https, int readTimeoutMillis) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
      socket.setSoTimeout(readTimeoutMillis);
      if (https) {
        SSLSocket secure = (SSLSocket) tls().createSocket(socket, host, port, true);
        secure.startHandshake();
        socket = secure;
      }
      return new Connection(key(host, port, https), socket, false);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** Keeps a connection whose last response was read to its end. */
  void release(Connection connection) {
    if (closed) {
      connection.close();
      return;
    }
    Deque<Connection> stack =
        idle.computeIfAbsent(connection.key, k -> new ConcurrentLinkedDeque<>());
    if (stack.size() >= MAX_IDLE_PER_TARGET) {
      connection.close();
      return;
    }
    connection.idleSince = System.nanoTime();
    stack.offerFirst(connection);
  }

  private static String key(String host, int port, boolean https) {
    return (https ? "https://" : "http://") + host + ":" + port;
  }

  private synchronized SSLSocketFactory tls() throws IOException {
    if (tls == null) {
      try {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
        tls = context.getSocketFactory();
      } catch (GeneralSecurityException e) {
        throw new IOException("TLS to targets is unavailable: " + e.getMessage(), e);
      }
    }
    return tls;
  }

  @Override
  public void close() {
    closed = true;
    for (Deque<Connection> stack : idle.values()) {
      for (Connection c = stack.pollFirst(); c != null; c = stack.pollFirst()) {
        c.close();
      }
    }
  }

  /** The ALB does not validate target certificates, so neither does the local one. */
  private static final class TrustEverything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
