package io.elbctl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.sim.TargetRef;
import io.elbctl.sim.TargetState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least outstanding requests and deregistration draining in serve, with real local backends: a
 * target holding a request gets no new ones under least_outstanding_requests; a deregistered target
 * gets no new requests while the one in flight finishes within deregistrationDelaySeconds, and when
 * the delay ends first the connection is closed and the client gets 502.
 */
class DrainingTest extends TwoBackends {
  @TempDir Path dir;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  String get(String path) throws Exception {
    return client
        .send(
            HttpRequest.newBuilder(URI.create(base() + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  CompletableFuture<HttpResponse<String>> hold() {
    return client.sendAsync(
        HttpRequest.newBuilder(URI.create(base() + "/hold"))
            .timeout(Duration.ofSeconds(20))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String base() {
    return "http://127.0.0.1:" + alb.localPort(80);
  }

  TargetRef ref(SessionApp app) {
    return new TargetRef("127.0.0.1", app.port());
  }

  @Test
  void leastOutstandingRequests_sendsNothingToTheTargetHoldingARequest() throws Exception {
    alb =
        StickyServeTest.serve(
            ", \"algorithm\": \"least_outstanding_requests\"",
            "backend=" + one.url(),
            "backend=" + two.url());
    CompletableFuture<HttpResponse<String>> held = hold();
    LocalAlbTest.await(() -> one.holding.getCount() == 0 || two.holding.getCount() == 0, "a hold");
    SessionApp busy = one.holding.getCount() == 0 ? one : two;
    SessionApp idle = busy == one ? two : one;
    assertThat(alb.outstanding("backend", ref(busy))).isEqualTo(1);

    for (int i = 0; i < 5; i++) {
      assertThat(get("/who")).isEqualTo(idle.name);
    }
    busy.release();
    assertThat(held.get().body()).isEqualTo("held by " + busy.name);
    LocalAlbTest.await(() -> alb.outstanding("backend", ref(busy)) == 0, "the hold finished");
  }

  @Test
  void roundRobin_keepsSendingToTheTargetHoldingARequest() throws Exception {
    alb = StickyServeTest.serve("", "backend=" + one.url(), "backend=" + two.url());
    CompletableFuture<HttpResponse<String>> held = hold();
    LocalAlbTest.await(() -> one.holding.getCount() == 0, "the hold on the first target");

    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      answers.add(get("/who"));
    }
    assertThat(answers).containsExactly("two", "one", "two", "one");
    one.release();
    held.get();
  }

  @Test
  void aDeregisteredTarget_finishesItsRequestInFlight_andGetsNoNewOnes() throws Exception {
    alb =
        StickyServeTest.serve(
            ", \"deregistrationDelaySeconds\": 30", "backend=" + one.url(), "backend=" + two.url());
    CompletableFuture<HttpResponse<String>> held = hold();
    LocalAlbTest.await(() -> one.holding.getCount() == 0, "the hold on the first target");

    alb.deregister("backend", ref(one));
    assertThat(alb.health().state("backend", ref(one))).isEqualTo(TargetState.draining);
    for (int i = 0; i < 4; i++) {
      assertThat(get("/who")).isEqualTo("two");
    }
    one.release();
    HttpResponse<String> finished = held.get();
    assertThat(finished.statusCode()).isEqualTo(200);
    assertThat(finished.body()).isEqualTo("held by one");
    assertThat(one.handled).containsExactly("hold");
  }

  @Test
  void whenTheDelayEnds_theDrainingTargetsConnectionsClose_andItLeavesTheGroup() throws Exception {
    alb =
        StickyServeTest.serve(
            ", \"deregistrationDelaySeconds\": 1", "backend=" + one.url(), "backend=" + two.url());
    CompletableFuture<HttpResponse<String>> held = hold();
    LocalAlbTest.await(() -> one.holding.getCount() == 0, "the hold on the first target");
    long start = System.nanoTime();

    alb.deregister("backend", ref(one));
    HttpResponse<String> cut = held.get();
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;

    assertThat(cut.statusCode()).isEqualTo(502);
    assertThat(waitedMillis).isGreaterThanOrEqualTo(900);
    LocalAlbTest.await(
        () -> alb.health().state("backend", ref(one)) == TargetState.unused, "one unused");
    assertThat(get("/who")).isEqualTo("two");
  }

  @Test
  void aTargetFailingHealthChecks_getsNoNewRequests_andItsConnectionsCloseAfterTheDelay()
      throws Exception {
    alb =
        StickyServeTest.serve(
            ", \"deregistrationDelaySeconds\": 1, \"healthCheck\": { \"path\": \"/health\","
                + " \"intervalSeconds\": 5, \"timeoutSeconds\": 2, \"healthyThreshold\": 2,"
                + " \"unhealthyThreshold\": 2 }",
            Duration.ofMillis(50),
            "backend=" + one.url(),
            "backend=" + two.url());
    LocalAlbTest.await(
        () ->
            alb.health().state("backend", ref(one)) == TargetState.healthy
                && alb.health().state("backend", ref(two)) == TargetState.healthy,
        "both healthy");
    CompletableFuture<HttpResponse<String>> held = hold();
    LocalAlbTest.await(() -> one.holding.getCount() == 0 || two.holding.getCount() == 0, "a hold");
    SessionApp failing = one.holding.getCount() == 0 ? one : two;
    SessionApp healthy = failing == one ? two : one;

    failing.healthStatus.set(500);
    LocalAlbTest.await(
        () -> alb.health().state("backend", ref(failing)) == TargetState.unhealthy, "unhealthy");
    for (int i = 0; i < 3; i++) {
      assertThat(get("/who")).isEqualTo(healthy.name);
    }
    assertThat(held.get().statusCode()).isEqualTo(502);
  }

  @Test
  void aTargetsFile_drainsTheTargetWhoseLineIsRemoved_andRegistersItWhenItComesBack()
      throws Exception {
    Path file = dir.resolve("targets");
    Files.writeString(file, "backend=" + one.url() + "\nbackend=" + two.url() + " # second\n");
    io.elbctl.spec.Spec spec =
        io.elbctl.spec.SpecReader.parse(
                StickyServeTest.SPEC.formatted(", \"deregistrationDelaySeconds\": 1"))
            .spec();
    TargetsFile targets = TargetsFile.read(file, spec);
    open.add(targets);
    alb =
        StickyServeTest.serve(
            ", \"deregistrationDelaySeconds\": 1", targets.initial().toArray(String[]::new));
    List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
    targets.watch(alb, events::add);

    Files.writeString(file, "backend=" + two.url() + "\n");
    LocalAlbTest.await(
        () -> alb.health().state("backend", ref(one)) == TargetState.draining, "one draining");
    assertThat(get("/who")).isEqualTo("two");
    assertThat(get("/who")).isEqualTo("two");

    Files.writeString(
        file, "backend=" + two.url() + "\nbackend=" + one.url() + "\nbackend=http://127.0.0.1:1\n");
    LocalAlbTest.await(
        () -> alb.health().state("backend", ref(one)) == TargetState.initial, "one registered");
    LocalAlbTest.await(() -> !events.isEmpty(), "a note on the new target");
    assertThat(events)
        .containsExactly("targets: backend 127.0.0.1:1 is new; restart serve to add it");
    List<String> answers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      answers.add(get("/who"));
    }
    assertThat(answers).contains("one", "two");
  }
}
