package io.elbctl.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  record Call(
      int index, String service, String operation, boolean mutating, String fate, int status) {
    /** A mutating call that AWS performed: forwarded, and answered with success. */
    boolean changed() {
      return mutating && fate.equals("forwarded") && status < 300;
    }

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
    RESET,
    /** Keep the request until {@link #release()}; moto never sees it (the caller is killed). */
    HOLD_BEFORE,
    /** Forward, then keep moto's answer until {@link #release()} (the caller is killed). */
    HOLD_AFTER
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

    /** The call waits, never reaching AWS, for the process that made it to be killed. */
    static Decision holdBefore() {
      return new Decision(Fate.HOLD_BEFORE, 0, CRASH, "held before AWS");
    }

    /** AWS performs the call; its answer waits for the process that made it to be killed. */
    static Decision holdAfter() {
      return new Decision(Fate.HOLD_AFTER, 0, CRASH, "held after AWS");
    }
  }

  /** An error code no SDK retries; after it the proxy answers nothing else (the run is dead). */
  static final String CRASH = "ElbctlTestCrash";

  /** Decides the fate of each call; {@code mutatingIndex} counts mutating calls from 1. */
  interface Faults {
    Decision decide(String service, String operation, boolean mutating, int mutatingIndex);

    Faults NONE = (service, operation, mutating, index) -> Decision.FORWARD;
  }

  /** One call as the proxy forwards it. */
  record Request(String service, String operation, String path, String query, byte[] body) {}

  /** Sends a call on to moto. */
  interface Moto {
    HttpResponse<byte[]> send() throws IOException, InterruptedException;
  }

  /**
   * How AWS answers the calls the faults let through: as moto does ({@link #MOTO}), or with AWS's
   * timing and consistency ({@link RealisticAws}).
   */
  interface Behaviour {
    HttpResponse<byte[]> answer(Request call, Moto moto) throws IOException, InterruptedException;

    Behaviour MOTO = (call, moto) -> moto.send();
  }

  private static final Pattern SERVICE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/");
  private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");

  private final HttpServer server;
  private final ExecutorService executor;
  private final HttpClient client;
  private final String target;
  private final String account;
  private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
  private final Route53Rules route53;
  private volatile Faults faults = Faults.NONE;
  private volatile Behaviour behaviour = Behaviour.MOTO;
  private int mutating;
  private boolean dead;
  private CompletableFuture<Call> held = new CompletableFuture<>();
  private CountDownLatch released = new CountDownLatch(1);

  FaultProxy(String target, String account) {
    this.target = target;
    this.account = account;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.route53 = new Route53Rules(client, target, account);
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

  /** Answers from now on as {@code behaviour} says. */
  FaultProxy behave(Behaviour behaviour) {
    this.behaviour = behaviour;
    return this;
  }

  /** New faults; the count of mutating calls and the dead flag start over. */
  synchronized void faults(Faults faults) {
    this.faults = faults;
    this.mutating = 0;
    this.dead = false;
    calls.clear();
    released.countDown();
    held = new CompletableFuture<>();
    released = new CountDownLatch(1);
  }

  /**
   * The call a {@link Fate#HOLD_BEFORE} or {@link Fate#HOLD_AFTER} decision holds, once it is held
   * (after AWS performed it, for the latter); empty when {@code process} ended first.
   */
  java.util.Optional<Call> awaitHeld(Process process, Duration timeout)
      throws InterruptedException {
    CompletableFuture<Call> future;
    synchronized (this) {
      future = held;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        return java.util.Optional.of(future.get(50, TimeUnit.MILLISECONDS));
      } catch (java.util.concurrent.TimeoutException e) {
        if (!process.isAlive() && !future.isDone()) {
          return java.util.Optional.empty();
        }
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("no call was held within " + timeout);
  }

  /** Lets a held call end, without an answer: its caller is gone. */
  synchronized void release() {
    released.countDown();
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

  /** The mutating calls AWS performed. */
  List<Call> changes() {
    return calls().stream().filter(Call::changed).toList();
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String service = service(exchange);
      String operation = operation(service, exchange, body);
      boolean isMutating = CallStats.isMutating(operation);
      Decision decision;
      int index;
      CompletableFuture<Call> toHold;
      CountDownLatch release;
      synchronized (this) {
        toHold = held;
        release = released;
        index = isMutating ? ++mutating : 0;
        decision =
            dead
                ? new Decision(Fate.ERROR_BEFORE, 400, CRASH, "the run is dead")
                : faults.decide(service, operation, isMutating, index);
        if (CRASH.equals(decision.code())) {
          dead = true;
        }
      }
      switch (decision.fate()) {
        case RESET -> {
          record(service, operation, isMutating, "reset", 0);
          // No status line at all: the client sees the connection end, as after a reset.
        }
        case ERROR_BEFORE -> {
          record(service, operation, isMutating, decision.code() + " before", decision.status());
          error(exchange, service, decision);
        }
        case ERROR_AFTER -> {
          HttpResponse<byte[]> performed = forward(exchange, service, operation, body);
          record(
              service, operation, isMutating, decision.code() + " after", performed.statusCode());
          error(exchange, service, decision);
        }
        case HOLD_BEFORE, HOLD_AFTER -> {
          boolean after = decision.fate() == Fate.HOLD_AFTER;
          int status = after ? forward(exchange, service, operation, body).statusCode() : 0;
          toHold.complete(
              record(service, operation, isMutating, after ? "held after" : "held before", status));
          release.await();
        }
        case FORWARD -> {
          HttpResponse<byte[]> response = forward(exchange, service, operation, body);
          record(service, operation, isMutating, "forwarded", response.statusCode());
          respond(exchange, response);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | IOException e) {
      // A broken exchange looks to elbctl like a dropped connection, which it retries.
    }
  }

  private Call record(
      String service, String operation, boolean isMutating, String fate, int status) {
    synchronized (calls) {
      Call call = new Call(calls.size() + 1, service, operation, isMutating, fate, status);
      calls.add(call);
      return call;
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
      if (Route53Rules.RRSET.matcher(path).matches()) {
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
    Request call =
        new Request(
            service,
            operation,
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(),
            body);
    return behaviour.answer(call, () -> toMoto(exchange, operation, body));
  }

  private HttpResponse<byte[]> toMoto(HttpExchange exchange, String operation, byte[] body)
      throws IOException, InterruptedException {
    if (operation.equals("ChangeResourceRecordSets")) {
      // Check and change in one critical section, as Route 53 does in one transaction.
      synchronized (route53.transaction()) {
        String refusal = route53.refusal(exchange, body);
        if (refusal != null) {
          return AwsAnswers.error("route53", 400, "InvalidChangeBatch", refusal);
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
    respond(
        exchange,
        AwsAnswers.error(service, decision.status(), decision.code(), decision.message()));
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }
}
