package io.elbctl.serve;

import io.elbctl.sim.CompiledListener;
import io.elbctl.sim.Decision;
import io.elbctl.sim.Request;
import io.elbctl.spec.Action;
import io.elbctl.spec.FixedResponseAction;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.RedirectAction;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One client connection to a local listener: reads requests one after another (keep-alive), asks
 * the router what the ALB would do with each, and answers it itself or streams it to the chosen
 * target and the target's answer back.
 */
final class ClientConnection implements Runnable {
  /** The ALB rejects request lines and header lines over 16 KB and heads over 64 KB with a 400. */
  private static final int MAX_LINE = 16 * 1024;

  private static final int MAX_HEAD = 64 * 1024;

  /** Bodies up to this size are read before forwarding, so a stale kept-alive target can retry. */
  private static final int REPLAYABLE_BODY = 64 * 1024;

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final LocalAlb alb;
  private final Socket socket;
  private final CompiledListener listener;
  private final int localPort;
  private final String scheme;
  private String clientIp;
  private int clientPort;
  private HttpInput in;
  private CountingOutput out;
  private volatile boolean idle = true;
  private String sslCipher;
  private String sslProtocol;
  private String sniName;

  ClientConnection(LocalAlb alb, Socket socket, CompiledListener listener, int localPort) {
    this.alb = alb;
    this.socket = socket;
    this.listener = listener;
    this.localPort = localPort;
    this.scheme = listener.https() ? "https" : "http";
  }

  /** Closes the connection when it waits for a request, so a stop does not wait on idle clients. */
  void closeIfIdle() {
    if (idle) {
      close();
    }
  }

  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing more to release.
    }
  }

  @Override
  public void run() {
    alb.connections.add(this);
    try {
      InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
      clientIp = remote.getAddress().getHostAddress();
      clientPort = remote.getPort();
      if (socket instanceof SSLSocket secure) {
        socket.setSoTimeout(10_000);
        secure.startHandshake();
        SSLSession session = secure.getSession();
        sslCipher = session.getCipherSuite();
        sslProtocol = session.getProtocol();
        if (session instanceof ExtendedSSLSession extended) {
          for (SNIServerName name : extended.getRequestedServerNames()) {
            if (name instanceof SNIHostName host) {
              sniName = host.getAsciiName();
            }
          }
        }
      }
      socket.setSoTimeout(alb.idleTimeoutMillis);
      in = new HttpInput(socket.getInputStream(), 16 * 1024);
      out = new CountingOutput(new BufferedOutputStream(socket.getOutputStream(), 16 * 1024));
      if (alb.stopping) {
        return;
      }
      while (serveOne()) {
        if (alb.stopping) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // The client went away or sent something unreadable mid-request: the connection ends.
    } finally {
      alb.connections.remove(this);
      close();
    }
  }

  /** Serves one request; false when the connection must end. */
  private boolean serveOne() throws IOException {
    idle = true;
    String requestLine;
    try {
      requestLine = in.readLine(MAX_LINE);
    } catch (SocketTimeoutException e) {
      return false;
    } catch (HttpInput.TooLargeException e) {
      idle = false;
      sendError(null, 400, "Bad Request", "-");
      return false;
    }
    if (requestLine == null) {
      return false;
    }
    idle = false;
    if (requestLine.isEmpty()) {
      // A stray CRLF between requests is allowed (RFC 9112 section 2.2).
      return true;
    }
    long startNanos = System.nanoTime();
    long inBefore = in.consumed() - requestLine.length() - 2;
    long outBefore = out.count;
    AccessLogWriter.Entry entry = alb.accessLog == null ? null : new AccessLogWriter.Entry();
    if (entry != null) {
      entry.received = Instant.now();
      entry.type = scheme;
      entry.client = clientIp + ":" + clientPort;
      entry.sslCipher = sslCipher;
      entry.sslProtocol = sslProtocol;
      entry.domain = sniName;
    }
    Exchange exchange = new Exchange(entry);
    boolean keepAlive;
    try {
      keepAlive = handle(requestLine, exchange, startNanos);
    } finally {
      if (entry != null) {
        entry.receivedBytes = in.consumed() - inBefore;
        entry.sentBytes = out.count - outBefore;
        alb.accessLog.write(entry);
      }
    }
    return keepAlive;
  }

  /** What one request carries through the steps of handling it. */
  private static final class Exchange {
    final AccessLogWriter.Entry log;
    String method;
    String version;
    String target;
    List<Request.Header> headers;
    String host;
    long contentLength = -1;
    boolean chunked;
    boolean expectContinue;
    boolean clientWantsClose;
    boolean head;

    Exchange(AccessLogWriter.Entry log) {
      this.log = log;
    }
  }

  private boolean handle(String requestLine, Exchange x, long startNanos) throws IOException {
    int sp1 = requestLine.indexOf(' ');
    int sp2 = requestLine.lastIndexOf(' ');
    if (sp1 <= 0 || sp2 <= sp1) {
      sendError(x, 400, "Bad Request", "-");
      return false;
    }
    x.method = requestLine.substring(0, sp1);
    x.target = requestLine.substring(sp1 + 1, sp2);
    x.version = requestLine.substring(sp2 + 1);
    if (!x.version.equals("HTTP/1.1") && !x.version.equals("HTTP/1.0")) {
      sendError(x, 400, "Bad Request", "-");
      return false;
    }
    x.head = x.method.equals("HEAD");
    if (!readHeaders(x)) {
      sendError(x, 400, "Bad Request", "-");
      return false;
    }
    if (x.log != null) {
      x.log.requestLine =
          x.method + " " + scheme + "://" + logAuthority(x) + pathOf(x.target) + " " + x.version;
    }
    if (x.contentLength >= 0 && x.chunked) {
      // Both framings at once is a request-smuggling vector; the ALB refuses it.
      sendError(x, 400, "Bad Request", "-");
      return false;
    }
    if (!x.target.startsWith("/")) {
      String path = absoluteFormPath(x.target);
      if (path == null) {
        sendError(x, 400, "Bad Request", "-");
        return false;
      }
      x.target = path;
    }
    if (x.method.equals("TRACE")) {
      drainBody(x);
      return sendError(x, 405, "Method Not Allowed", "-") && !x.clientWantsClose;
    }
    int question = x.target.indexOf('?');
    String path = question >= 0 ? x.target.substring(0, question) : x.target;
    String query = question >= 0 ? x.target.substring(question + 1) : null;
    String albHost = albHost(x.host);
    List<Request.Header> routing = new ArrayList<>(x.headers.size());
    for (Request.Header header : x.headers) {
      routing.add(
          header.name().equalsIgnoreCase("host") ? new Request.Header("Host", albHost) : header);
    }
    Request request =
        new Request(x.method, null, albHost, listener.port(), path, query, routing, clientIp);
    Decision decision = alb.router.route(request, alb.health);
    Action action = decision.action();
    if (x.log != null) {
      x.log.priority = decision.priority() == null ? "0" : decision.priority().toString();
      x.log.actions = action.type();
      x.log.requestSeconds = seconds(System.nanoTime() - startNanos);
    }
    if (action instanceof ForwardAction) {
      return new Forwarding(x, decision, startNanos).run();
    } else if (action instanceof RedirectAction) {
      drainBody(x);
      String location = localLocation(decision.location(), decision.request().hostName());
      if (x.log != null) {
        x.log.redirectUrl = location;
      }
      int status = decision.statusCode();
      String reason = status == 301 ? "Moved Permanently" : "Found";
      byte[] body = errorPage(status, reason);
      return sendOwn(x, status, reason, "text/html", body, "Location: " + location + "\r\n");
    } else if (action instanceof FixedResponseAction fixed) {
      drainBody(x);
      int status = decision.statusCode();
      byte[] body = fixed.messageBody().getBytes(StandardCharsets.UTF_8);
      return sendOwn(x, status, reason(status), fixed.contentType(), body, "");
    }
    throw new AssertionError(action);
  }

  private boolean readHeaders(Exchange x) throws IOException {
    List<Request.Header> headers = new ArrayList<>(16);
    int total = 0;
    boolean http10 = x.version.equals("HTTP/1.0");
    boolean keepAliveToken = false;
    while (true) {
      String line = in.readLine(MAX_LINE);
      if (line == null) {
        throw new java.io.EOFException("connection closed in the request head");
      }
      if (line.isEmpty()) {
        break;
      }
      total += line.length() + 2;
      if (total > MAX_HEAD) {
        throw new HttpInput.TooLargeException("request head over 64 KB");
      }
      int colon = line.indexOf(':');
      if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        return false;
      }
      String name = line.substring(0, colon);
      if (name.charAt(name.length() - 1) == ' ') {
        return false;
      }
      String value = line.substring(colon + 1).trim();
      headers.add(new Request.Header(name, value));
      switch (name.length()) {
        case 4:
          if (name.equalsIgnoreCase("host")) {
            if (x.host != null) {
              return false;
            }
            x.host = value;
          }
          break;
        case 6:
          if (name.equalsIgnoreCase("expect") && value.equalsIgnoreCase("100-continue")) {
            x.expectContinue = true;
          }
          break;
        case 10:
          if (name.equalsIgnoreCase("connection")) {
            String lower = value.toLowerCase(Locale.ROOT);
            x.clientWantsClose |= lower.contains("close");
            keepAliveToken |= lower.contains("keep-alive");
          } else if (name.equalsIgnoreCase("user-agent") && x.log != null) {
            x.log.userAgent = value;
          }
          break;
        case 14:
          if (name.equalsIgnoreCase("content-length")) {
            try {
              long length = Long.parseLong(value);
              if (length < 0 || (x.contentLength >= 0 && x.contentLength != length)) {
                return false;
              }
              x.contentLength = length;
            } catch (NumberFormatException e) {
              return false;
            }
          }
          break;
        case 17:
          if (name.equalsIgnoreCase("transfer-encoding")) {
            if (!value.toLowerCase(Locale.ROOT).endsWith("chunked")) {
              return false;
            }
            x.chunked = true;
          }
          break;
        default:
          break;
      }
    }
    if (http10 && !keepAliveToken) {
      x.clientWantsClose = true;
    }
    x.headers = headers;
    return true;
  }

  /** The Host header as it would reach the ALB: the local port replaced by the listener's. */
  String albHost(String host) {
    if (host == null) {
      return null;
    }
    int colon = portColon(host);
    if (colon < 0) {
      return host;
    }
    String name = host.substring(0, colon);
    String port = host.substring(colon + 1);
    if (!port.equals(String.valueOf(localPort))) {
      return host;
    }
    int defaultPort = listener.https() ? 443 : 80;
    return listener.port() == defaultPort ? name : name + ":" + listener.port();
  }

  private String logAuthority(Exchange x) {
    String host = x.host == null ? alb.router.defaultHost() : x.host;
    int colon = portColon(host);
    return (colon >= 0 ? host.substring(0, colon) : host) + ":" + listener.port();
  }

  private static String pathOf(String target) {
    return target.startsWith("/") ? target : "/" + target;
  }

  private static int portColon(String authority) {
    int colon = authority.lastIndexOf(':');
    return colon > authority.lastIndexOf(']') ? colon : -1;
  }

  private static String absoluteFormPath(String target) {
    int schemeEnd = target.indexOf("://");
    if (schemeEnd <= 0) {
      return null;
    }
    int slash = target.indexOf('/', schemeEnd + 3);
    int question = target.indexOf('?', schemeEnd + 3);
    if (slash < 0 && question < 0) {
      return "/";
    }
    if (slash < 0 || (question >= 0 && question < slash)) {
      return "/" + target.substring(question);
    }
    return target.substring(slash);
  }

  /**
   * A redirect Location that names one of the spec's listeners on the request's own host, rewritten
   * to that listener's local port, so {@code http://localhost:8000} → {@code
   * https://localhost:8443}.
   */
  String localLocation(String location, String requestHostName) {
    int schemeEnd = location.indexOf("://");
    if (schemeEnd <= 0) {
      return location;
    }
    String locationScheme = location.substring(0, schemeEnd);
    int authorityStart = schemeEnd + 3;
    int pathStart = authorityStart;
    while (pathStart < location.length()
        && location.charAt(pathStart) != '/'
        && location.charAt(pathStart) != '?') {
      pathStart++;
    }
    String authority = location.substring(authorityStart, pathStart);
    int colon = portColon(authority);
    String hostName = colon >= 0 ? authority.substring(0, colon) : authority;
    int port;
    try {
      port =
          colon >= 0
              ? Integer.parseInt(authority.substring(colon + 1))
              : locationScheme.equalsIgnoreCase("https") ? 443 : 80;
    } catch (NumberFormatException e) {
      return location;
    }
    Integer local = alb.localPorts.get(port);
    boolean sameHost =
        requestHostName == null
            ? isLoopbackName(hostName)
            : hostName.equalsIgnoreCase(requestHostName) || isLoopbackName(hostName);
    if (local == null || !sameHost) {
      return location;
    }
    return locationScheme + "://" + hostName + ":" + local + location.substring(pathStart);
  }

  private static boolean isLoopbackName(String host) {
    return host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }

  /** Reads and drops a request body the ALB answers without forwarding. */
  private void drainBody(Exchange x) throws IOException {
    OutputStream sink = OutputStream.nullOutputStream();
    if (x.expectContinue) {
      // The ALB answers now; the client may send its body or not, so the connection must end.
      x.clientWantsClose = true;
      return;
    }
    if (x.chunked) {
      in.copyChunked(sink);
    } else if (x.contentLength > 0) {
      in.copyFixed(x.contentLength, sink);
    }
  }

  private boolean sendError(Exchange x, int status, String reason, String targetStatus)
      throws IOException {
    if (x != null && x.log != null) {
      x.log.targetStatus = targetStatus.equals("-") ? null : targetStatus;
    }
    return sendOwn(x, status, reason, "text/html", errorPage(status, reason), "");
  }

  /** Sends a response the load balancer makes itself; returns whether to keep the connection. */
  private boolean sendOwn(
      Exchange x, int status, String reason, String contentType, byte[] body, String extra)
      throws IOException {
    boolean keepAlive = x != null && !x.clientWantsClose && !alb.stopping;
    if (x != null && x.log != null) {
      x.log.elbStatus = status;
    }
    StringBuilder head = new StringBuilder(256);
    head.append("HTTP/1.1 ").append(status).append(' ').append(reason).append("\r\n");
    head.append("Server: awselb/2.0\r\n");
    head.append("Date: ").append(HTTP_DATE.format(Instant.now())).append("\r\n");
    head.append("Content-Type: ").append(contentType).append("\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    head.append(extra);
    head.append(keepAlive ? "Connection: keep-alive\r\n" : "Connection: close\r\n");
    head.append("\r\n");
    out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (x == null || !x.head) {
      out.write(body);
    }
    out.flush();
    return keepAlive;
  }

  private static byte[] errorPage(int status, String reason) {
    String page =
        "<html>\r\n<head><title>"
            + status
            + " "
            + reason
            + "</title></head>\r\n<body>\r\n<center><h1>"
            + status
            + " "
            + reason
            + "</h1></center>\r\n</body>\r\n</html>\r\n";
    return page.getBytes(StandardCharsets.ISO_8859_1);
  }

  static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 201:
        return "Created";
      case 202:
        return "Accepted";
      case 204:
        return "No Content";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 429:
        return "Too Many Requests";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Temporarily Unavailable";
      case 504:
        return "Gateway Time-out";
      default:
        return status < 300 ? "OK" : status < 500 ? "Client Error" : "Server Error";
    }
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
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

  /** One forward of a request to a target and its answer back to the client. */
  private final class Forwarding {
    private final Exchange x;
    private final Decision decision;
    private final long startNanos;

    Forwarding(Exchange x, Decision decision, long startNanos) {
      this.x = x;
      this.decision = decision;
      this.startNanos = startNanos;
    }

    boolean run() throws IOException {
      Decision.TargetRoute route = alb.picker.pick(decision);
      if (route == null) {
        drainBody(x);
        return sendError(x, 503, "Service Temporarily Unavailable", "-");
      }
      String group = route.group();
      String host = route.target().id();
      int port = route.target().port();
      boolean https = alb.httpsGroups.getOrDefault(group, false);
      if (x.log != null) {
        x.log.target = route.target().key();
        x.log.targetGroupArn = alb.accessLog.groupArn(group);
      }
      String traceId = null;
      for (Request.Header header : x.headers) {
        if (header.name().equalsIgnoreCase("x-amzn-trace-id") && header.value().contains("Root=")) {
          traceId = header.value();
        }
      }
      if (traceId == null) {
        traceId = newTraceId();
      }
      if (x.log != null) {
        x.log.traceId = traceId;
      }
      byte[] head = upstreamHead(traceId, host, port);
      byte[] body = null;
      boolean streamed = x.chunked || x.contentLength > REPLAYABLE_BODY;
      if (x.expectContinue && (x.chunked || x.contentLength > 0)) {
        out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      }
      if (!streamed && x.contentLength > 0) {
        body = in.readFully((int) x.contentLength);
      }
      long sentAt = System.nanoTime();
      UpstreamPool.Connection connection = null;
      String statusLine = null;
      for (int attempt = 0; attempt < 2 && statusLine == null; attempt++) {
        connection = streamed || attempt > 0 ? null : alb.upstreams.reuse(host, port, https);
        if (connection == null) {
          try {
            connection = alb.upstreams.open(host, port, https, alb.targetTimeoutMillis);
          } catch (SocketTimeoutException e) {
            if (streamed) {
              x.clientWantsClose = true;
            }
            return sendError(x, 504, "Gateway Time-out", "-");
          } catch (ConnectException e) {
            if (streamed) {
              x.clientWantsClose = true;
            }
            return sendError(x, 502, "Bad Gateway", "-");
          } catch (IOException e) {
            if (streamed) {
              x.clientWantsClose = true;
            }
            return sendError(x, 502, "Bad Gateway", "-");
          }
        }
        try {
          connection.out.write(head);
          if (body != null) {
            connection.out.write(body);
          } else if (streamed) {
            if (x.chunked) {
              in.copyChunked(connection.out);
            } else {
              in.copyFixed(x.contentLength, connection.out);
            }
          }
          connection.out.flush();
          statusLine = connection.in.readLine(MAX_LINE);
          if (statusLine == null) {
            throw new java.io.EOFException("target closed the connection");
          }
        } catch (SocketTimeoutException e) {
          connection.close();
          x.clientWantsClose |= streamed;
          return sendError(x, 504, "Gateway Time-out", "-");
        } catch (IOException e) {
          connection.close();
          if (!connection.reused || streamed) {
            x.clientWantsClose |= streamed;
            return sendError(x, 502, "Bad Gateway", "-");
          }
          // A kept-alive connection the target had closed meanwhile: retry once on a new one.
          statusLine = null;
        }
      }
      if (statusLine == null) {
        return sendError(x, 502, "Bad Gateway", "-");
      }
      return relay(connection, statusLine, sentAt);
    }

    private byte[] upstreamHead(String traceId, String host, int port) {
      StringBuilder head = new StringBuilder(512);
      head.append(x.method).append(' ').append(x.target).append(" HTTP/1.1\r\n");
      String forwardedFor = null;
      boolean hasHost = false;
      for (Request.Header header : x.headers) {
        String name = header.name();
        if (hopByHop(name)) {
          continue;
        }
        if (name.length() == 15 && name.equalsIgnoreCase("x-forwarded-for")) {
          forwardedFor =
              forwardedFor == null ? header.value() : forwardedFor + ", " + header.value();
          continue;
        }
        if ((name.length() == 17 && name.equalsIgnoreCase("x-forwarded-proto"))
            || (name.length() == 16 && name.equalsIgnoreCase("x-forwarded-port"))
            || (name.length() == 15 && name.equalsIgnoreCase("x-amzn-trace-id"))
            || (x.expectContinue && name.length() == 6 && name.equalsIgnoreCase("expect"))) {
          continue;
        }
        hasHost |= name.length() == 4 && name.equalsIgnoreCase("host");
        head.append(name).append(": ").append(header.value()).append("\r\n");
      }
      if (!hasHost) {
        head.append("Host: ").append(host).append(':').append(port).append("\r\n");
      }
      head.append("X-Forwarded-For: ")
          .append(forwardedFor == null ? clientIp : forwardedFor + ", " + clientIp)
          .append("\r\n");
      head.append("X-Forwarded-Proto: ").append(scheme).append("\r\n");
      head.append("X-Forwarded-Port: ").append(localPort).append("\r\n");
      head.append("X-Amzn-Trace-Id: ").append(traceId).append("\r\n\r\n");
      return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Streams the target's answer to the client; returns whether the client connection stays. */
    private boolean relay(UpstreamPool.Connection connection, String statusLine, long sentAt)
        throws IOException {
      boolean upstreamOk = true;
      boolean headSent = false;
      try {
        int status;
        List<String> headerLines;
        long contentLength;
        boolean chunked;
        boolean targetCloses;
        while (true) {
          status = parseStatus(statusLine);
          if (status < 0) {
            connection.close();
            return sendError(x, 502, "Bad Gateway", "-");
          }
          headerLines = new ArrayList<>(16);
          contentLength = -1;
          chunked = false;
          targetCloses = false;
          int total = 0;
          for (String line = connection.in.readLine(MAX_LINE);
              ;
              line = connection.in.readLine(MAX_LINE)) {
            if (line == null) {
              throw new java.io.EOFException("target closed the connection in its head");
            }
            if (line.isEmpty()) {
              break;
            }
            total += line.length();
            int colon = line.indexOf(':');
            if (colon <= 0 || total > MAX_HEAD) {
              connection.close();
              return sendError(x, 502, "Bad Gateway", "-");
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
              try {
                contentLength = Long.parseLong(value);
              } catch (NumberFormatException e) {
                connection.close();
                return sendError(x, 502, "Bad Gateway", "-");
              }
            } else if (name.equalsIgnoreCase("transfer-encoding")) {
              chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
            } else if (name.equalsIgnoreCase("connection")) {
              targetCloses = value.toLowerCase(Locale.ROOT).contains("close");
            }
            if (hopByHop(name)) {
              continue;
            }
            headerLines.add(line);
          }
          if (status >= 100 && status < 200 && status != 101) {
            // Interim answers (100 Continue, 103 Early Hints) are the target's business.
            statusLine = connection.in.readLine(MAX_LINE);
            if (statusLine == null) {
              throw new java.io.EOFException("target closed after an interim response");
            }
            continue;
          }
          break;
        }
        if (status == 101) {
          connection.close();
          return sendError(x, 502, "Bad Gateway", "-");
        }
        boolean noBody = x.head || status == 204 || status == 304;
        boolean toClose = !noBody && !chunked && contentLength < 0;
        boolean keepClient = !x.clientWantsClose && !toClose && !alb.stopping;
        if (x.log != null) {
          x.log.elbStatus = status;
          x.log.targetStatus = String.valueOf(status);
          x.log.targetSeconds = seconds(System.nanoTime() - sentAt);
        }
        long relayStart = System.nanoTime();
        StringBuilder head = new StringBuilder(512);
        head.append("HTTP/1.1 ").append(statusLine, 9, statusLine.length()).append("\r\n");
        for (String line : headerLines) {
          head.append(line).append("\r\n");
        }
        head.append(keepClient ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n");
        upstreamOk = false;
        headSent = true;
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!noBody) {
          if (chunked) {
            connection.in.copyChunked(out);
          } else if (contentLength >= 0) {
            connection.in.copyFixed(contentLength, out);
          } else {
            connection.in.copyToEnd(out);
            targetCloses = true;
          }
        }
        out.flush();
        upstreamOk = !targetCloses && !connection.in.buffered();
        if (x.log != null) {
          x.log.responseSeconds = seconds(System.nanoTime() - relayStart);
        }
        return keepClient;
      } catch (SocketTimeoutException e) {
        upstreamOk = false;
        if (!headSent) {
          return sendError(x, 504, "Gateway Time-out", "-");
        }
        return false;
      } catch (IOException e) {
        upstreamOk = false;
        if (!headSent) {
          return sendError(x, 502, "Bad Gateway", "-");
        }
        return false;
      } finally {
        if (upstreamOk) {
          alb.upstreams.release(connection);
        } else {
          connection.close();
        }
      }
    }
  }

  /** The status code of an HTTP/1.x status line, or -1 when the line is not one. */
  static int parseStatus(String line) {
    if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' ') {
      return -1;
    }
    int status = 0;
    for (int i = 9; i < 12; i++) {
      char c = line.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      status = status * 10 + (c - '0');
    }
    if (line.length() > 12 && line.charAt(12) != ' ') {
      return -1;
    }
    return status < 100 ? -1 : status;
  }

  private static boolean hopByHop(String name) {
    switch (name.length()) {
      case 2:
        return name.equalsIgnoreCase("te");
      case 7:
        return name.equalsIgnoreCase("upgrade");
      case 10:
        return name.equalsIgnoreCase("connection") || name.equalsIgnoreCase("keep-alive");
      case 16:
        return name.equalsIgnoreCase("proxy-connection");
      default:
        return false;
    }
  }

  /** An output stream that counts what it writes, for the access log's sent bytes. */
  private static final class CountingOutput extends OutputStream {
    private final OutputStream out;
    long count;

    CountingOutput(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
