package io.elbctl.serve;

import io.elbctl.sim.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One request on its way through the load balancer, whatever protocol the client spoke: what it
 * asks, how its body is framed, what the access log records of it, and the head it is forwarded
 * with.
 */
final class Exchange {
  /** The ALB answers 463 when X-Forwarded-For names more addresses than this. */
  static final int MAX_FORWARDED_FOR = 30;

  final AccessLogWriter.Entry log;
  final long startNanos = System.nanoTime();
  String method;

  /** Origin form: path and query as received. */
  String target;

  String version = "HTTP/1.1";

  /** The Host header (HTTP/2: :authority), or null. */
  String host;

  List<Request.Header> headers = List.of();
  long contentLength = -1;
  boolean chunked;
  boolean upgrade;

  /** Close the client connection once this request is answered (defensive mode, Ambiguous). */
  boolean closeClientAfter;

  /** Close the target connection once this request is answered. */
  boolean closeTargetAfter;

  boolean clientWantsClose;
  boolean logged;

  Exchange(AccessLogWriter.Entry log) {
    this.log = log;
  }

  boolean isHead() {
    return "HEAD".equals(method);
  }

  boolean hasBody() {
    return chunked || contentLength > 0;
  }

  /** GET, HEAD, OPTIONS, TRACE, PUT and DELETE may be sent again when a target dropped them. */
  boolean idempotent() {
    switch (method) {
      case "GET":
      case "HEAD":
      case "OPTIONS":
      case "PUT":
      case "DELETE":
        return true;
      default:
        return false;
    }
  }

  /** The X-Forwarded-For addresses the client sent, joined, or null when it sent none or empty. */
  String forwardedFor() {
    String joined = null;
    for (Request.Header header : headers) {
      if (header.name().equalsIgnoreCase("x-forwarded-for")) {
        String value = header.value().trim();
        if (!value.isEmpty()) {
          joined = joined == null ? value : joined + ", " + value;
        }
      }
    }
    return joined;
  }

  /** How many addresses the client's X-Forwarded-For names. */
  int forwardedForCount() {
    String joined = forwardedFor();
    if (joined == null) {
      return 0;
    }
    int count = 1;
    for (int i = 0; i < joined.length(); i++) {
      if (joined.charAt(i) == ',') {
        count++;
      }
    }
    return count;
  }

  String traceId() {
    for (Request.Header header : headers) {
      if (header.name().equalsIgnoreCase("x-amzn-trace-id") && header.value().contains("Root=")) {
        return header.value();
      }
    }
    return newTraceId();
  }

  /**
   * The head sent to the target: HTTP/1.1, the headers as received without hop-by-hop ones (those
   * named in Connection included), the framing elbctl itself writes, and the ALB's X-Forwarded-*
   * and X-Amzn-Trace-Id.
   */
  byte[] targetHead(
      String traceId, String targetAuthority, String clientIp, String scheme, int localPort) {
    List<String> named = connectionTokens();
    StringBuilder head = new StringBuilder(512);
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    boolean hasHost = false;
    for (Request.Header header : headers) {
      String name = header.name();
      if (hopByHop(name) || named.contains(name.toLowerCase(Locale.ROOT)) || forwarded(name)) {
        continue;
      }
      hasHost |= name.equalsIgnoreCase("host");
      head.append(name).append(": ").append(header.value()).append("\r\n");
    }
    if (!hasHost) {
      head.append("Host: ").append(host != null ? host : targetAuthority).append("\r\n");
    }
    if (chunked) {
      head.append("Transfer-Encoding: chunked\r\n");
    } else if (contentLength >= 0) {
      head.append("Content-Length: ").append(contentLength).append("\r\n");
    }
    if (upgrade) {
      head.append("Connection: Upgrade\r\nUpgrade: websocket\r\n");
    }
    String forwardedFor = forwardedFor();
    head.append("X-Forwarded-For: ")
        .append(forwardedFor == null ? clientIp : forwardedFor + ", " + clientIp)
        .append("\r\n");
    head.append("X-Forwarded-Proto: ").append(scheme).append("\r\n");
    head.append("X-Forwarded-Port: ").append(localPort).append("\r\n");
    head.append("X-Amzn-Trace-Id: ").append(traceId).append("\r\n\r\n");
    return head.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private List<String> connectionTokens() {
    List<String> tokens = new ArrayList<>(2);
    for (Request.Header header : headers) {
      if (header.name().equalsIgnoreCase("connection")) {
        for (String token : header.value().split(",")) {
          tokens.add(token.trim().toLowerCase(Locale.ROOT));
        }
      }
    }
    return tokens;
  }

  private static boolean forwarded(String name) {
    return name.equalsIgnoreCase("x-forwarded-for")
        || name.equalsIgnoreCase("x-forwarded-proto")
        || name.equalsIgnoreCase("x-forwarded-port")
        || name.equalsIgnoreCase("x-amzn-trace-id")
        || name.equalsIgnoreCase("content-length")
        || name.equalsIgnoreCase("expect");
  }

  /** Headers that describe one connection, not the message (RFC 9110 section 7.6.1). */
  static boolean hopByHop(String name) {
    switch (name.length()) {
      case 2:
        return name.equalsIgnoreCase("te");
      case 7:
        return name.equalsIgnoreCase("upgrade") || name.equalsIgnoreCase("trailer");
      case 10:
        return name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
      case 16:
        return name.equalsIgnoreCase("proxy-connection");
      case 17:
        return name.equalsIgnoreCase("transfer-encoding");
      default:
        return false;
    }
  }

  /** The trace id the ALB adds: {@code Root=1-<epoch seconds, hex>-<96 random bits, hex>}. */
  static String newTraceId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    char[] id = new char[7 + 8 + 1 + 24];
    "Root=1-".getChars(0, 7, id, 0);
    hex(System.currentTimeMillis() / 1000, 8, id, 7);
    id[15] = '-';
    hex(random.nextInt() & 0xffffffffL, 8, id, 16);
    hex(random.nextLong(), 16, id, 24);
    return new String(id);
  }

  private static void hex(long value, int digits, char[] into, int at) {
    for (int i = digits - 1; i >= 0; i--) {
      into[at + i] = Character.forDigit((int) (value & 0xf), 16);
      value >>>= 4;
    }
  }
}
