package io.elbctl.serve;

import io.elbctl.sim.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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

  /** Takes the request as the gate forwards it, and what it asks of the connections. */
  void accept(RequestVerdict verdict) {
    method = verdict.method();
    target = verdict.target();
    version = verdict.version();
    headers = verdict.headers();
    host = verdict.host();
    contentLength = verdict.contentLength();
    chunked = verdict.chunked();
    closeClientAfter = verdict.closeClient();
    closeTargetAfter = verdict.closeTarget();
    String connection = header("connection");
    String tokens = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
    clientWantsClose =
        version.equals("HTTP/1.0") ? !tokens.contains("keep-alive") : tokens.contains("close");
    String upgradeTo = header("upgrade");
    upgrade =
        upgradeTo != null && upgradeTo.equalsIgnoreCase("websocket") && tokens.contains("upgrade");
  }

  /**
   * Applies a rule's transforms: the target receives {@code newTarget} and, when the host was
   * rewritten, {@code newHost} as its Host header.
   */
  void rewrite(String newTarget, String newHost, boolean hostRewritten) {
    target = newTarget;
    if (!hostRewritten) {
      return;
    }
    host = newHost;
    List<Request.Header> kept = new ArrayList<>(headers.size());
    for (Request.Header header : headers) {
      if (!header.name().equalsIgnoreCase("host")) {
        kept.add(header);
      }
    }
    headers = kept;
  }

  /** The value of the first header named {@code name} (any case), or null. */
  String header(String name) {
    for (Request.Header header : headers) {
      if (header.name().equalsIgnoreCase(name)) {
        return header.value();
      }
    }
    return null;
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
  ByteBuf targetHead(
      ByteBufAllocator alloc,
      String traceId,
      String targetAuthority,
      String clientIp,
      String scheme,
      int localPort) {
    List<String> named = connectionTokens();
    ByteBuf head = alloc.buffer(512);
    text(head, method).writeByte(' ');
    text(head, target);
    text(head, " HTTP/1.1\r\n");
    boolean hasHost = false;
    for (Request.Header header : headers) {
      String name = header.name();
      if (hopByHop(name)
          || forwarded(name)
          || !named.isEmpty() && named.contains(name.toLowerCase(Locale.ROOT))) {
        continue;
      }
      hasHost |= name.equalsIgnoreCase("host");
      field(head, name, header.value());
    }
    if (!hasHost) {
      field(head, "Host", host != null ? host : targetAuthority);
    }
    if (chunked) {
      field(head, "Transfer-Encoding", "chunked");
    } else if (contentLength >= 0) {
      field(head, "Content-Length", Long.toString(contentLength));
    }
    if (upgrade) {
      text(head, "Connection: Upgrade\r\nUpgrade: websocket\r\n");
    }
    String forwardedFor = forwardedFor();
    field(
        head, "X-Forwarded-For", forwardedFor == null ? clientIp : forwardedFor + ", " + clientIp);
    field(head, "X-Forwarded-Proto", scheme);
    field(head, "X-Forwarded-Port", Integer.toString(localPort));
    field(head, "X-Amzn-Trace-Id", traceId);
    return text(head, "\r\n");
  }

  private static ByteBuf field(ByteBuf head, String name, String value) {
    text(head, name);
    head.writeByte(':').writeByte(' ');
    text(head, value);
    return head.writeByte('\r').writeByte('\n');
  }

  /** One byte per character: ISO-8859-1, as the head came in. */
  private static ByteBuf text(ByteBuf head, String text) {
    head.writeCharSequence(text, StandardCharsets.ISO_8859_1);
    return head;
  }

  private List<String> connectionTokens() {
    List<String> tokens = List.of();
    for (Request.Header header : headers) {
      if (header.name().equalsIgnoreCase("connection")) {
        tokens = new ArrayList<>(tokens);
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
