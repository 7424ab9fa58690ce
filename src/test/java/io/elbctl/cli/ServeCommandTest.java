package io.elbctl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.sun.net.httpserver.HttpExchange;
import io.elbctl.Await;
import io.elbctl.TrustAnything;
import io.elbctl.serve.FakeApp;
import io.elbctl.spec.SpecFixtures;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code elbctl serve} on the OAuth2 example in front of a fake frontend and a fake Spring-style
 * backend that builds its URLs from the forwarded headers: the whole login flow, HTTP to HTTPS.
 */
class ServeCommandTest {

  /**
   * The backend: starts the login, takes the callback, builds URLs as Spring does behind a proxy.
   */
  static final class Backend {
    final FakeApp app;
    final AtomicInteger callbacks = new AtomicInteger();

    Backend() throws Exception {
      app = new FakeApp("backend");
      app.on("/actuator/health", exchange -> FakeApp.send(exchange, 200, "{\"status\":\"UP\"}"));
      app.on(
          "/oauth2/authorization/google",
          exchange -> {
            String redirectUri = publicBase(exchange) + "/login/oauth2/code/google";
            exchange
                .getResponseHeaders()
                .set(
                    "Location",
                    "https://accounts.google.test/o/oauth2/v2/auth?response_type=code"
                        + "&client_id=local&state=s1&redirect_uri="
                        + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8));
            FakeApp.send(exchange, 302, "");
          });
      app.on(
          "/login/oauth2/code/google",
          exchange -> {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!"s1".equals(query.get("state")) || !"c1".equals(query.get("code"))) {
              FakeApp.send(exchange, 400, "bad state");
              return;
            }
            callbacks.incrementAndGet();
            exchange.getResponseHeaders().set("Set-Cookie", "SESSION=signed-in; Secure; HttpOnly");
            exchange.getResponseHeaders().set("Location", publicBase(exchange) + "/");
            FakeApp.send(exchange, 302, "");
          });
    }

    /** The public origin from X-Forwarded-Proto, the Host header's name and X-Forwarded-Port. */
    static String publicBase(HttpExchange exchange) {
      var headers = exchange.getRequestHeaders();
      String host = headers.getFirst("Host");
      int colon = host.lastIndexOf(':');
      String name = colon > 0 ? host.substring(0, colon) : host;
      return headers.getFirst("X-Forwarded-Proto")
          + "://"
          + name
          + ":"
          + headers.getFirst("X-Forwarded-Port");
    }
  }

  static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      out.put(
          pair.substring(0, equals),
          URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  static HttpClient trustingClient() throws Exception {
    return HttpClient.newBuilder()
        .sslContext(TrustAnything.context())
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  @Test
  void oauth2Flow_throughServe_reachesTheRightAppAtEveryStep() throws Exception {
    Backend backend = new Backend();
    FakeApp frontend = new FakeApp("frontend");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread serve =
        new Thread(
            () ->
                exit.set(
                    Main.run(
                        new String[] {
                          "serve",
                          "-f",
                          SpecFixtures.example("oauth2-split.json").toString(),
                          "--listen",
                          "443=0,80=0",
                          "--target",
                          "client=" + frontend.url(),
                          "--target",
                          "backend=" + backend.app.url(),
                          "--health-interval",
                          "0.1"
                        },
                        new PrintWriter(out, true),
                        new PrintWriter(err, true),
                        Map.of())));
    serve.start();
    try {
      Await.until(
          Duration.ofSeconds(60),
          () -> out.toString().contains("Ctrl-C stops.") || !serve.isAlive(),
          "serve to start");
      if (!out.toString().contains("Ctrl-C stops.")) {
        fail("serve did not start:\n" + out + err);
      }
      int https = port(out.toString(), "443 HTTPS -> https://localhost:(\\d+)/");
      int http = port(out.toString(), "80 HTTP -> http://localhost:(\\d+)/");
      HttpClient client = trustingClient();

      HttpResponse<String> upgrade = get(client, "http://localhost:" + http + "/login?next=%2F");
      assertThat(upgrade.statusCode()).isEqualTo(301);
      assertThat(upgrade.headers().firstValue("Location"))
          .hasValue("https://localhost:" + https + "/login?next=%2F");

      HttpResponse<String> start =
          get(client, "https://localhost:" + https + "/oauth2/authorization/google");
      assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
      URI idp = URI.create(start.headers().firstValue("Location").orElseThrow());
      assertThat(idp.getHost()).isEqualTo("accounts.google.test");
      String redirectUri = query(idp.getRawQuery()).get("redirect_uri");
      assertThat(redirectUri).isEqualTo("https://localhost:" + https + "/login/oauth2/code/google");

      HttpResponse<String> callback = get(client, redirectUri + "?code=c1&state=s1");
      assertThat(callback.statusCode()).as(callback.body()).isEqualTo(302);
      assertThat(backend.callbacks.get()).isEqualTo(1);
      assertThat(callback.headers().firstValue("Set-Cookie"))
          .hasValueSatisfying(cookie -> assertThat(cookie).startsWith("SESSION=signed-in"));
      assertThat(callback.headers().firstValue("Location"))
          .hasValue("https://localhost:" + https + "/");

      for (String path : new String[] {"/", "/login", "/login/oauth2/code"}) {
        HttpResponse<String> page = get(client, "https://localhost:" + https + path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).as(path).contains("app=frontend\n");
        assertThat(page.body()).contains("x-forwarded-proto=https\n");
        assertThat(page.body()).contains("x-forwarded-port=" + https + "\n");
        assertThat(page.body()).contains("host=localhost:" + https + "\n");
      }
      assertThat(out.toString())
          .contains("health: backend 127.0.0.1:" + backend.app.port() + " initial -> healthy")
          .contains("health: client 127.0.0.1:" + frontend.port() + " initial -> healthy");
    } finally {
      serve.interrupt();
      serve.join(30_000);
      backend.app.close();
      frontend.close();
    }
    assertThat(serve.isAlive()).isFalse();
    assertThat(exit.get()).as(out + "\n" + err).isZero();
  }

  static int port(String output, String regex) {
    Matcher matcher = Pattern.compile(regex).matcher(output);
    assertThat(matcher.find()).as(output).isTrue();
    return Integer.parseInt(matcher.group(1));
  }

  static HttpResponse<String> get(HttpClient client, String url) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
