package io.elbctl.sim;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Sends health checks shaped exactly like the ALB's: {@code GET path}, {@code Host: ip:port},
 * {@code User-Agent: ELB-HealthChecker/2.0}, no {@code X-Forwarded-*} headers, redirects not
 * followed, the connection closed after each check, and the configured timeout for the whole
 * exchange. HTTPS checks do not validate the target's certificate, as the ALB does not.
 */
public final class HealthProber {
  private HealthProber() {}

  /** Where to send one check. */
  public record ProbeTarget(String host, int port, String path, boolean https) {
    /** The Host header the ALB sends: the target's address and port. */
    public String hostHeader() {
      return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
      return (https ? "https://" : "http://") + hostHeader() + path;
    }
  }

  /** Sends one check and classifies the answer; never throws. */
  public static ProbeOutcome probe(ProbeTarget target, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Socket socket = open(target, timeout)) {
      socket.setSoTimeout(remaining(deadline));
      OutputStream out = socket.getOutputStream();
      String request =
          "GET "
              + target.path()
              + " HTTP/1.1\r\n"
              + "Host: "
              + target.hostHeader()
              + "\r\n"
              + "User-Agent: ELB-HealthChecker/2.0\r\n"
              + "Accept-Encoding: gzip, compressed\r\n"
              + "Connection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = new BufferedInputStream(socket.getInputStream());
      String statusLine = readLine(in, socket, deadline);
      if (statusLine == null || !statusLine.startsWith("HTTP/")) {
        return ProbeOutcome.failed("the target's answer is not HTTP");
      }
      String[] parts = statusLine.split(" ", 3);
      int status;
      try {
        status = Integer.parseInt(parts[1]);
      } catch (RuntimeException e) {
        return ProbeOutcome.failed("malformed status line: " + statusLine);
      }
      String location = null;
      for (String line = readLine(in, socket, deadline);
          line != null && !line.isEmpty();
          line = readLine(in, socket, deadline)) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("location")) {
          location = line.substring(colon + 1).trim();
        }
      }
      return ProbeOutcome.response(status, location);
    } catch (SocketTimeoutException e) {
      return ProbeOutcome.timeout();
    } catch (ConnectException e) {
      return ProbeOutcome.failed("connection refused");
    } catch (IOException e) {
      return ProbeOutcome.failed(
          "connection failed: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }

  private static Socket open(ProbeTarget target, Duration timeout) throws IOException {
    Socket plain = new Socket();
    plain.connect(
        new InetSocketAddress(target.host(), target.port()),
        (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    if (!target.https()) {
      return plain;
    }
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new TrustEverything()}, new SecureRandom());
      SSLSocket tls =
          (SSLSocket)
              context.getSocketFactory().createSocket(plain, target.host(), target.port(), true);
      tls.startHandshake();
      return tls;
    } catch (java.security.GeneralSecurityException e) {
      plain.close();
      throw new IOException("TLS unavailable: " + e.getMessage(), e);
    }
  }

  private static int remaining(long deadline) throws SocketTimeoutException {
    long millis = (deadline - System.nanoTime()) / 1_000_000;
    if (millis <= 0) {
      throw new SocketTimeoutException("health check timed out");
    }
    return (int) Math.min(Integer.MAX_VALUE, millis);
  }

  private static String readLine(InputStream in, Socket socket, long deadline) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      socket.setSoTimeout(remaining(deadline));
      int b = in.read();
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      if (line.size() > 16 * 1024) {
        throw new IOException("header line too long");
      }
      line.write(b);
    }
  }

  /**
   * Names the usual cause of a failed (or suspiciously passing) check: a redirect to a login page,
   * HTTPS-redirect middleware, a protected health path, host validation, and so on.
   */
  public static Optional<String> pitfall(
      ProbeOutcome outcome, StatusMatcher matcher, ProbeTarget target, Duration timeout) {
    switch (outcome.kind()) {
      case TIMEOUT:
        return Optional.of(
            "no answer within the "
                + timeout.toSeconds()
                + " s timeout: the app is hung, slow"
                + " to start, or a firewall drops the check");
      case FAILED:
        return Optional.of(
            outcome.detail()
                + ": nothing serves "
                + target.hostHeader()
                + " (wrong port, app not started, or bound to another interface)");
      default:
        break;
    }
    int status = outcome.status();
    boolean passes = matcher.accepts(status);
    String location = outcome.location() == null ? "" : outcome.location();
    String lower = location.toLowerCase(Locale.ROOT);
    if (status >= 300 && status < 400) {
      String why;
      if (lower.contains("login")
          || lower.contains("signin")
          || lower.contains("sign-in")
          || lower.contains("/auth")
          || lower.contains("oauth")) {
        why =
            "redirects to a login page ("
                + status
                + " → "
                + location
                + "): the health path"
                + " requires a session; check a path that answers without authentication";
      } else if (lower.startsWith("https://")) {
        why =
            "HTTPS-redirect middleware ("
                + status
                + " → "
                + location
                + "): the health checker"
                + " sends plain HTTP without X-Forwarded-Proto, so the app redirects it; exempt the"
                + " health path or trust X-Forwarded-Proto";
      } else if (location.endsWith(target.path() + "/") || location.equals(target.path() + "/")) {
        why =
            "trailing-slash redirect ("
                + status
                + " → "
                + location
                + "): use the path with the"
                + " slash";
      } else {
        why =
            "redirect ("
                + status
                + (location.isEmpty() ? "" : " → " + location)
                + "): the ALB"
                + " does not follow redirects";
      }
      return Optional.of(
          passes
              ? "passes only because the matcher " + matcher + " accepts redirects; " + why
              : why);
    }
    if (status == 401 || status == 403) {
      String why =
          "the health path is protected ("
              + status
              + "): permit it without"
              + " authentication (Spring Security: permitAll() for "
              + target.path()
              + ")";
      return Optional.of(
          passes
              ? "passes only because the matcher " + matcher + " accepts " + status + "; " + why
              : why);
    }
    if (passes) {
      return Optional.empty();
    }
    if (status == 400) {
      return Optional.of(
          "400: the app rejects Host: "
              + target.hostHeader()
              + " (host validation such as"
              + " Django ALLOWED_HOSTS or Spring's allowed hosts)");
    }
    if (status == 404) {
      return Optional.of("404: the target has no " + target.path() + "; fix the health-check path");
    }
    return Optional.of(
        status + " is outside the matcher " + matcher + " (Target.ResponseCodeMismatch)");
  }

  /** Accepts any certificate: the ALB does not validate target certificates either. */
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
