package io.elbctl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.Spec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HealthModelTest {
  // healthy after 3, unhealthy after 2, matcher 200-299,302, interval 10 s, timeout 4 s
  private static final Spec SPEC =
      SimSpecs.withRulesAndGroups(
          "[]",
          "{\"name\":\"a\",\"port\":3000,\"targetType\":\"ip\",\"healthCheck\":{\"path\":\"/h\",\"matcher\":\"200-299,302\","
              + "\"intervalSeconds\":10,\"timeoutSeconds\":4,\"healthyThreshold\":3,\"unhealthyThreshold\":2},"
              + "\"targets\":[{\"id\":\"10.0.0.1\"}]},"
              + "{\"name\":\"idle\",\"port\":4000,\"targetType\":\"ip\",\"targets\":[{\"id\":\"10.0.0.9\"}]}");
  private static final TargetRef TARGET = new TargetRef("10.0.0.1", 3000);

  private static Semantics initial(Semantics.InitialHealthy mode) {
    return new Semantics(
        Semantics.HostPort.keep,
        Semantics.PathDecoding.raw,
        Semantics.RegexMatch.search,
        Semantics.RegexCase.condition,
        mode,
        Semantics.LocationPort.explicit);
  }

  @ParameterizedTest(name = "{0} [{1}] -> {2} {3}")
  @CsvSource({
    // a newly registered target is healthy after one passing check (ALB guide) ...
    "'200', one, healthy, ",
    "'200,200', threshold, initial, Elb.InitialHealthChecking",
    "'200,200,200', threshold, healthy, ",
    // ... and unhealthy after UnhealthyThresholdCount failures
    "'500', one, initial, Elb.InitialHealthChecking",
    "'500,500', one, unhealthy, Target.ResponseCodeMismatch",
    "'timeout,timeout', one, unhealthy, Target.Timeout",
    "'refused,refused', one, unhealthy, Target.FailedHealthChecks",
    // lists and ranges of the matcher
    "'302', one, healthy, ",
    "'204', one, healthy, ",
    "'301,301', one, unhealthy, Target.ResponseCodeMismatch",
    // healthy -> unhealthy needs consecutive failures; a success resets the count
    "'200,500,200,500', one, healthy, ",
    "'200,500,500', one, unhealthy, Target.ResponseCodeMismatch",
    // unhealthy -> healthy needs HealthyThresholdCount consecutive successes
    "'200,500,500,200,200', one, unhealthy, Target.ResponseCodeMismatch",
    "'200,500,500,200,200,200', one, healthy, ",
  })
  void thresholdsAndReasonCodes(
      String script, Semantics.InitialHealthy mode, TargetState state, String reason) {
    HealthModel model = HealthModel.registered(SPEC, initial(mode));
    List<HealthTimeline.Step> steps =
        HealthTimeline.run(model, "a", TARGET, HealthTimeline.parse(script));
    TargetHealth last = steps.get(steps.size() - 1).after();
    assertThat(last.state()).isEqualTo(state);
    assertThat(last.reason()).isEqualTo(reason);
  }

  @Test
  void timelineStampsChangesAtIntervalsAndTimeouts() {
    HealthModel model = HealthModel.registered(SPEC, Semantics.DEFAULT);
    List<HealthTimeline.Step> steps =
        HealthTimeline.run(model, "a", TARGET, HealthTimeline.parse("200,200,500,timeout"));
    List<StateChange> changes = steps.stream().flatMap(s -> s.change().stream()).toList();
    assertThat(changes)
        .extracting(StateChange::at, StateChange::from, StateChange::to, StateChange::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                Duration.ZERO, TargetState.initial, TargetState.healthy, null),
            org.assertj.core.groups.Tuple.tuple(
                Duration.ofSeconds(34),
                TargetState.healthy,
                TargetState.unhealthy,
                "Target.Timeout"));
    assertThat(steps.get(3).after().description()).isEqualTo("Request timed out");
  }

  @Test
  void responseCodeMismatchNamesTheCode() {
    HealthModel model = HealthModel.registered(SPEC, Semantics.DEFAULT);
    HealthTimeline.run(model, "a", TARGET, HealthTimeline.parse("404,404"));
    assertThat(model.health("a", TARGET).description())
        .isEqualTo("Health checks failed with these codes: [404]");
  }

  @Test
  void groupsNoListenerUsesAreUnused() {
    HealthModel model = HealthModel.registered(SPEC, Semantics.DEFAULT);
    TargetHealth idle = model.health("idle", new TargetRef("10.0.0.9", 4000));
    assertThat(idle.state()).isEqualTo(TargetState.unused);
    assertThat(idle.reason()).isEqualTo("Target.NotInUse");
    assertThat(model.health("a", TARGET).reason()).isEqualTo("Elb.RegistrationInProgress");
  }

  @Test
  void drainingTargetsIgnoreChecks() {
    HealthModel model = HealthModel.healthy(SPEC, Semantics.DEFAULT);
    model.deregister("a", TARGET, Duration.ZERO);
    model.record("a", TARGET, ProbeOutcome.response(200), Duration.ofSeconds(10));
    assertThat(model.health("a", TARGET).reason()).isEqualTo("Target.DeregistrationInProgress");
    assertThat(model.state("a", TARGET)).isEqualTo(TargetState.draining);
  }

  @Test
  void concurrentProbesKeepConsistentCountsAndReportEachChangeOnce() throws Exception {
    HealthModel model = HealthModel.healthy(SPEC, Semantics.DEFAULT);
    List<StateChange> changes = java.util.Collections.synchronizedList(new ArrayList<>());
    model.addListener(changes::add);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    for (int i = 0; i < 400; i++) {
      pool.submit(() -> model.record("a", TARGET, ProbeOutcome.response(500), Duration.ZERO));
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    assertThat(changes).hasSize(1);
    assertThat(changes.get(0).to()).isEqualTo(TargetState.unhealthy);
  }

  @ParameterizedTest
  @CsvSource({
    "200, 200, true",
    "200, 201, false",
    "'200,202', 202, true",
    "200-399, 302, true",
    "'200-299,401', 401, true",
    "'200-299,401', 403, false"
  })
  void matcherListsAndRanges(String matcher, int status, boolean accepted) {
    assertThat(StatusMatcher.parse(matcher).accepts(status)).isEqualTo(accepted);
  }
}
