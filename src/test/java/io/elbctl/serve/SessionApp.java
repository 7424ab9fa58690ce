package io.elbctl.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A backend instance that keeps its state in memory per HTTP session, as Spring Security's OAuth2
 * login does: {@code /oauth2/authorization/idp} stores a fresh {@code state} in the session named
 * by its {@code JSESSIONID} cookie (creating one) and redirects to the identity provider; the
 * callback {@code /login/oauth2/code/idp?state=…} succeeds only on the instance holding that
 * session, and answers 400 {@code authorization_request_not_found} elsewhere. {@code /hold} answers
 * only when {@link #release} is called, {@code /who} names the instance.
 */
final class SessionApp implements AutoCloseable {
  final String name;
  private final HttpServer server;
  private final Map<String, String> sessions = new ConcurrentHashMap<>();
  final List<String> handled = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  final CountDownLatch holding = new CountDownLatch(1);
  final java.util.concurrent.atomic.AtomicInteger healthStatus =
      new java.util.concurrent.atomic.AtomicInteger(200);

  SessionApp(String name) throws IOException {
    this.name = name;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/oauth2/authorization/idp", this::authorize);
    server.createContext("/login/oauth2/code/idp", this::callback);
    server.createContext("/hold", this::hold);
    server.createContext(
        "/health",
        exchange -> {
          exchange.sendResponseHeaders(healthStatus.get(), -1);
          exchange.close();
        });
    server.createContext("/", this::who);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int port() {
    return server.getAddress().getPort();
  }

  void release() {
    released.countDown();
  }

  private void authorize(HttpExchange exchange) throws IOException {
    handled.add("authorize");
    String session = session(exchange);
    if (session == null) {
      session = UUID.randomUUID().toString();
      exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=" + session + "; Path=/");
    }
    String state = UUID.randomUUID().toString();
    sessions.put(session, state);
    exchange
        .getResponseHeaders()
        .set("Location", "https://idp.example/authorize?client_id=app&state=" + state);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private void callback(HttpExchange exchange) throws IOException {
    handled.add("callback");
    String query = exchange.getRequestURI().getQuery();
    String state = query == null ? null : query.replaceAll(".*state=([^&]*).*", "$1");
    String session = session(exchange);
    String stored = session == null ? null : sessions.remove(session);
    if (stored == null || !stored.equals(state)) {
      FakeApp.send(exchange, 400, "authorization_request_not_found");
      return;
    }
    FakeApp.send(exchange, 200, "logged in on " + name);
  }

  private void hold(HttpExchange exchange) throws IOException {
    handled.add("hold");
    holding.countDown();
    try {
      released.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      FakeApp.send(exchange, 200, "held by " + name);
    } catch (IOException e) {
      // The load balancer closed the connection when the deregistration delay ended.
      handled.add("hold cut");
    }
  }

  private void who(HttpExchange exchange) throws IOException {
    exchange.getRequestBody().readAllBytes();
    handled.add("who");
    FakeApp.send(exchange, 200, name);
  }

  private static String session(HttpExchange exchange) {
    for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
      for (String pair : header.split(";")) {
        String[] parts = pair.trim().split("=", 2);
        if (parts.length == 2 && parts[0].equals("JSESSIONID")) {
          return parts[1];
        }
      }
    }
    return null;
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
