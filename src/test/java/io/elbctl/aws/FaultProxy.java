package io.elbctl.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A loopback HTTP proxy between elbctl and moto that names every AWS call it forwards and, as its
 * {@link Faults} decide, answers with an AWS error instead (before or after moto performed the
 * call) or drops the connection. Error bodies follow each service's protocol: query XML for ELBv2
 * and EC2, JSON for ACM, REST XML for Route 53. It also gives Route 53 two AWS behaviours moto
 * lacks: CREATE fails when the record exists, and DELETE fails unless the values match exactly.
 * Every request carries {@code x-moto-account-id}, so proxies with different accounts share one
 * moto without seeing each other's resources.
 */
final class FaultProxy implements AutoCloseable {
  /** One AWS call as the proxy saw it. */
  record Call(int index, String service, String operation, boolean mutating, String fate) {
    @Override
    public String toString() {
      return service + ":" + operation + (fate.equals("forwarded") ? "" : " [" + fate + "]");
    }
  }

  /** What to do with one call. */
  enum Fate {
    FORWARD,
    /** Answer with an error; moto never sees the call. */
    ERROR_BEFORE,
    /** Forward, then answer with an error instead of moto's response. */
    ERROR_AFTER,
    /** Close the connection without an answer; moto never sees the call. */
    RESET
  }

  /** A decision for a call, and the AWS error to answer with. */
  record Decision(Fate fate, int status, String code, String message) {
    static final Decision FORWARD = new Decision(Fate.FORWARD, 200, null, null);

    /** The run dies just before this call reaches AWS. */
    static Decision crashBefore() {
      return new Decision(Fate.ERROR_BEFORE, 400, CRASH, "the run died before this call");
    }

    /** AWS performs this call; the run dies before the answer reaches it. */
    static Decision crashAfter() {
      return new Decision(Fate.ERROR_AFTER, 400, CRASH, "the run died after this call");
    }
  }

  /** An error code no SDK retries; after it the proxy answers nothing else (the run is dead). */
  static final String CRASH = "ElbctlTestCrash";

  /** Decides the fate of each call; {@code mutatingIndex} counts mutating calls from 1. */
  interface Faults {
    Decision decide(String service, String operation, boolean mutating, int mutatingIndex);

    Faults NONE = (service, operation, mutating, index) -> Decision.FORWARD;
  }

  private static final Pattern SERVICE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/");
  private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");
  private static final Pattern RRSET = Pattern.compile("/2013-04-01/hostedzone/([^/]+)/rrset/?");

  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient client;
  private final String target;
  private final String account;
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final Object route53Changes = new Object();
  private volatile Faults faults = Faults.NONE;
  private int mutating;
  private boolean dead;

  FaultProxy(String target, String account) {
    this.target = target;
    this.account = account;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fault-proxy");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  String account() {
    return account;
  }

  /** New faults; the count of mutating calls and the dead flag start over. */
  synchronized void faults(Faults faults) {
    this.faults = faults;
    this.mutating = 0;
    this.dead = false;
    calls.clear();
  }

  /**
   * After this, every call is answered with a crash error: the run that met the fault is dead and
   * none of its later calls (a lock release in a finally block included) reaches AWS.
   */
  synchronized void die() {
    dead = true;
  }

  List<Call> calls() {
    synchronized (calls) {
      return List.copyOf(calls);
    }
  }

  List<Call> mutatingCalls() {
    return calls().stream().filter(Call::mutating).filter(c -> c.fate.equals("forwarded")).toList();
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String service = service(exchange);
      String operation = operation(service, exchange, body);
      boolean isMutating = CallStats.isMutating(operation);
      Decision decision;
      int index;
      synchronized (this) {
        index = isMutating ? ++mutating : 0;
        decision =
            dead
                ? new Decision(Fate.ERROR_BEFORE, 400, CRASH, "the run is dead")
                : faults.decide(service, operation, isMutating, index);
        if (CRASH.equals(decision.code())) {
          dead = true;
        }
      }
      String fate =
          switch (decision.fate()) {
            case FORWARD -> "forwarded";
            case ERROR_BEFORE -> decision.code() + " before";
            case ERROR_AFTER -> decision.code() + " after";
            case RESET -> "reset";
          };
      calls.add(new Call(calls.size() + 1, service, operation, isMutating, fate));
      switch (decision.fate()) {
        case RESET -> {
          // No status line at all: the client sees the connection end, as after a reset.
          return;
        }
        case ERROR_BEFORE -> error(exchange, service, decision);
        case ERROR_AFTER -> {
          forward(exchange, service, operation, body);
          error(exchange, service, decision);
        }
        case FORWARD -> respond(exchange, forward(exchange, service, operation, body));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | IOException e) {
      // A broken exchange looks to elbctl like a dropped connection, which it retries.
    }
  }

  private static String service(HttpExchange exchange) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    Matcher m = SERVICE.matcher(auth == null ? "" : auth);
    return m.find() ? m.group(1) : "unknown";
  }

  private static String operation(String service, HttpExchange exchange, byte[] body) {
    String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
    if (amzTarget != null) {
      return amzTarget.substring(amzTarget.indexOf('.') + 1);
    }
    if (service.equals("route53")) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (RRSET.matcher(path).matches()) {
        return method.equals("POST") ? "ChangeResourceRecordSets" : "ListResourceRecordSets";
      }
      if (path.startsWith("/2013-04-01/hostedzonesbyname")) {
        return "ListHostedZonesByName";
      }
      if (path.startsWith("/2013-04-01/change/")) {
        return "GetChange";
      }
      if (path.startsWith("/2013-04-01/hostedzone") && method.equals("POST")) {
        return "CreateHostedZone";
      }
      return method + " " + path;
    }
    String form = new String(body, StandardCharsets.UTF_8);
    Matcher m = ACTION.matcher(form);
    if (m.find()) {
      return m.group(1);
    }
    String query = exchange.getRequestURI().getRawQuery();
    m = ACTION.matcher(query == null ? "" : query);
    return m.find() ? m.group(1) : "Unknown";
  }

  private HttpResponse<byte[]> forward(
      HttpExchange exchange, String service, String operation, byte[] body)
      throws IOException, InterruptedException {
    if (operation.equals("ChangeResourceRecordSets")) {
      // Check and change in one critical section, as Route 53 does in one transaction.
      synchronized (route53Changes) {
        String refusal = route53Refusal(exchange, body);
        if (refusal != null) {
          return synthetic(400, route53Error("InvalidChangeBatch", refusal));
        }
        return send(exchange, body);
      }
    }
    return send(exchange, body);
  }

  private HttpResponse<byte[]> send(HttpExchange exchange, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI().toString()))
            .timeout(Duration.ofSeconds(60))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
              }
            });
    request.header("x-moto-account-id", account);
    return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static final Set<String> RESTRICTED =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "upgrade",
          "transfer-encoding",
          "x-moto-account-id");

  private static void respond(HttpExchange exchange, HttpResponse<byte[]> response)
      throws IOException {
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (!lower.equals("content-length")
                  && !lower.equals("transfer-encoding")
                  && !lower.equals("connection")
                  && !lower.equals(":status")
                  && !lower.equals("date")
                  && !lower.equals("server")) {
                exchange.getResponseHeaders().put(name, values);
              }
            });
    byte[] bytes = response.body();
    exchange.sendResponseHeaders(response.statusCode(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** An AWS error in the protocol of the service that was called. */
  private static void error(HttpExchange exchange, String service, Decision decision)
      throws IOException {
    String requestId = UUID.randomUUID().toString();
    String contentType = "text/xml";
    String body;
    switch (service) {
      case "acm" -> {
        contentType = "application/x-amz-json-1.1";
        exchange.getResponseHeaders().add("x-amzn-ErrorType", decision.code());
        body =
            "{\"__type\":\"" + decision.code() + "\",\"message\":\"" + decision.message() + "\"}";
      }
      case "ec2" ->
          body =
              "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>"
                  + decision.code()
                  + "</Code><Message>"
                  + decision.message()
                  + "</Message></Error></Errors><RequestID>"
                  + requestId
                  + "</RequestID></Response>";
      case "route53" -> body = route53Error(decision.code(), decision.message());
      default ->
          body =
              "<ErrorResponse"
                  + " xmlns=\"http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/\">"
                  + "<Error><Type>"
                  + (decision.status() >= 500 ? "Receiver" : "Sender")
                  + "</Type><Code>"
                  + decision.code()
                  + "</Code><Message>"
                  + decision.message()
                  + "</Message></Error><RequestId>"
                  + requestId
                  + "</RequestId></ErrorResponse>";
    }
    exchange.getResponseHeaders().add("Content-Type", contentType);
    exchange.getResponseHeaders().add("x-amzn-RequestId", requestId);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(decision.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String route53Error(String code, String message) {
    return "<?xml version=\"1.0\"?>\n"
        + "<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Error>"
        + "<Type>Sender</Type><Code>"
        + code
        + "</Code><Message>"
        + message
        + "</Message></Error><RequestId>"
        + UUID.randomUUID()
        + "</RequestId></ErrorResponse>";
  }

  private static HttpResponse<byte[]> synthetic(int status, String xml) {
    return new SyntheticResponse(status, xml.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Route 53's refusal of a change batch that moto would accept: a CREATE of a record that exists,
   * or a DELETE whose TTL and values differ from the record's; null when AWS would accept it.
   */
  private String route53Refusal(HttpExchange exchange, byte[] body) throws IOException {
    Matcher zone = RRSET.matcher(exchange.getRequestURI().getPath());
    if (!zone.matches()) {
      return null;
    }
    Document batch = parse(body);
    NodeList changes = batch.getElementsByTagNameNS("*", "Change");
    // The batch applies in order: a DELETE then a CREATE of one name is a replacement.
    java.util.Map<String, java.util.Optional<RecordSet>> state = new java.util.HashMap<>();
    for (int i = 0; i < changes.getLength(); i++) {
      Element change = (Element) changes.item(i);
      String action = text(change, "Action");
      Element set = (Element) change.getElementsByTagNameNS("*", "ResourceRecordSet").item(0);
      String name = fqdn(text(set, "Name"));
      String type = text(set, "Type");
      if (!action.equals("CREATE") && !action.equals("DELETE")) {
        continue;
      }
      String key = name + " " + type;
      if (!state.containsKey(key)) {
        state.put(
            key, java.util.Optional.ofNullable(liveRecord(exchange, zone.group(1), name, type)));
      }
      RecordSet live = state.get(key).orElse(null);
      RecordSet given = recordSet(set);
      if (action.equals("CREATE")) {
        if (live != null) {
          return "[Tried to create resource record set [name='"
              + name
              + "', type='"
              + type
              + "'] but it already exists]";
        }
        state.put(key, java.util.Optional.of(given));
      } else {
        if (!given.equals(live)) {
          return "[Tried to delete resource record set [name='"
              + name
              + "', type='"
              + type
              + "'] but the values provided do not match the current values]";
        }
        state.put(key, java.util.Optional.empty());
      }
    }
    return null;
  }

  private record RecordSet(String ttl, Set<String> values, String alias) {}

  /**
   * A record set as Route 53 compares it on DELETE: an alias by its target alone (moto lists alias
   * records with {@code TTL 0}, which AWS neither shows nor accepts), others by TTL and values.
   */
  private static RecordSet recordSet(Element set) {
    NodeList alias = set.getElementsByTagNameNS("*", "AliasTarget");
    if (alias.getLength() > 0) {
      Element target = (Element) alias.item(0);
      return new RecordSet(
          "",
          Set.of(),
          text(target, "HostedZoneId")
              + " "
              + fqdn(text(target, "DNSName"))
              + " "
              + text(target, "EvaluateTargetHealth"));
    }
    return new RecordSet(text(set, "TTL"), values(set), null);
  }

  private RecordSet liveRecord(HttpExchange exchange, String zoneId, String name, String type)
      throws IOException {
    String uri =
        target
            + "/2013-04-01/hostedzone/"
            + zoneId
            + "/rrset?name="
            + URLEncoder.encode(name, StandardCharsets.UTF_8)
            + "&type="
            + type
            + "&maxitems=10";
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).GET();
    // moto reads the service and account from these; it does not check signatures.
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    request.header("Authorization", auth);
    String date = exchange.getRequestHeaders().getFirst("X-Amz-Date");
    if (date != null) {
      request.header("X-Amz-Date", date);
    }
    request.header("x-moto-account-id", account);
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    NodeList sets = parse(response.body()).getElementsByTagNameNS("*", "ResourceRecordSet");
    for (int i = 0; i < sets.getLength(); i++) {
      Element set = (Element) sets.item(i);
      if (fqdn(text(set, "Name")).equals(name) && text(set, "Type").equals(type)) {
        return recordSet(set);
      }
    }
    return null;
  }

  private static Set<String> values(Element set) {
    Set<String> values = new HashSet<>();
    NodeList records = set.getElementsByTagNameNS("*", "Value");
    for (int i = 0; i < records.getLength(); i++) {
      values.add(records.item(i).getTextContent());
    }
    return values;
  }

  private static String fqdn(String name) {
    String lower = URLDecoder.decode(name, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagNameNS("*", tag);
    return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
  }

  private static Document parse(byte[] xml) throws IOException {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** A response the proxy makes up itself, in place of moto's. */
  private record SyntheticResponse(int statusCode, byte[] body) implements HttpResponse<byte[]> {
    @Override
    public HttpRequest request() {
      return null;
    }

    @Override
    public java.util.Optional<HttpResponse<byte[]>> previousResponse() {
      return java.util.Optional.empty();
    }

    @Override
    public java.net.http.HttpHeaders headers() {
      return java.net.http.HttpHeaders.of(
          java.util.Map.of("Content-Type", List.of("text/xml")), (a, b) -> true);
    }

    @Override
    public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
      return java.util.Optional.empty();
    }

    @Override
    public URI uri() {
      return null;
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
