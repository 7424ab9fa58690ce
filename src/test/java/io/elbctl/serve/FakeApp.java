package io.elbctl.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small app on a free 127.0.0.1 port standing in for a target: answers its health path with a
 * settable status, records the health checks it receives, and echoes every other request as text
 * (its own name, the method, path and the headers an ALB adds).
 */
public final class FakeApp implements AutoCloseable {
  final String name;
  final HttpServer server;
  final AtomicInteger healthStatus = new AtomicInteger(200);
  final List<Map<String, List<String>>> healthChecks = new CopyOnWriteArrayList<>();

  public FakeApp(String name) throws IOException {
    this.name = name;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/health", this::health);
    server.createContext("/", this::echo);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Adds a handler for a path prefix. */
  public FakeApp on(String path, HttpHandler handler) {
    server.createContext(path, handler);
    return this;
  }

  private void health(HttpExchange exchange) throws IOException {
    healthChecks.add(Map.copyOf(exchange.getRequestHeaders()));
    exchange.getRequestBody().readAllBytes();
    exchange.sendResponseHeaders(healthStatus.get(), -1);
    exchange.close();
  }

  private void echo(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    var headers = exchange.getRequestHeaders();
    String text =
        "app="
            + name
            + "\nmethod="
            + exchange.getRequestMethod()
            + "\nuri="
            + exchange.getRequestURI()
            + "\nhost="
            + headers.getFirst("Host")
            + "\nx-forwarded-for="
            + headers.getFirst("X-Forwarded-For")
            + "\nx-forwarded-proto="
            + headers.getFirst("X-Forwarded-Proto")
            + "\nx-forwarded-port="
            + headers.getFirst("X-Forwarded-Port")
            + "\nx-amzn-trace-id="
            + headers.getFirst("X-Amzn-Trace-Id")
            + "\n";
    send(exchange, 200, text);
  }

  public static void send(HttpExchange exchange, int status, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
