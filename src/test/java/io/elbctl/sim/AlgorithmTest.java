package io.elbctl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecReader;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The target-group algorithms of load_balancing.algorithm.type and slow_start.duration_seconds:
 * least outstanding requests takes the target with the fewest requests in flight, weighted random
 * draws in proportion, and a target in slow start gets a share that grows linearly to its full
 * share at the end of the duration, unless it joined a group with no other healthy target.
 */
class AlgorithmTest {
  static Spec spec(String group) {
    return SpecReader.parse(
            """
            {
              "apiVersion": "elbctl/v1", "name": "algo", "region": "eu-west-1",
              "domain": { "hostedZone": "example.com", "records": ["example.com"] },
              "targetGroups": [ %s ],
              "loadBalancer": { "name": "algo", "listeners": [
                { "port": 80, "protocol": "HTTP",
                  "defaultAction": { "type": "forward", "targetGroup": "g" } } ] }
            }
            """
                .formatted(group))
        .spec();
  }

  static final String TARGETS =
      "\"targets\": [ { \"id\": \"10.0.0.1\" }, { \"id\": \"10.0.0.2\" }, { \"id\": \"10.0.0.3\" } ]";

  final AtomicLong clock = new AtomicLong();

  TargetPicker.Pick pick(Spec spec, TargetPicker picker) {
    Router router = Router.compile(spec, Semantics.DEFAULT);
    return picker.pick(
        router.route(Request.get("/"), HealthModel.healthy(spec, Semantics.DEFAULT)),
        Map.of(),
        Instant.EPOCH);
  }

  @Test
  void leastOutstandingRequests_takesTheTargetWithFewestInFlight() {
    Spec spec =
        spec(
            "{ \"name\": \"g\", \"port\": 80, \"targetType\": \"ip\","
                + " \"algorithm\": \"least_outstanding_requests\", "
                + TARGETS
                + " }");
    TargetPicker picker = new TargetPicker(spec);
    TargetPicker.Pick first = pick(spec, picker);
    picker.started(first);
    TargetPicker.Pick second = pick(spec, picker);
    picker.started(second);
    TargetPicker.Pick third = pick(spec, picker);
    picker.started(third);
    assertThat(java.util.Set.of(first.target(), second.target(), third.target())).hasSize(3);

    picker.finished(second);
    TargetPicker.Pick next = pick(spec, picker);
    assertThat(next.target()).isEqualTo(second.target());
    assertThat(next.how())
        .isEqualTo("least_outstanding_requests: 0 request(s) in flight, the fewest of 3 targets");
    picker.started(next);
    picker.started(pick(spec, picker));
    assertThat(
            picker.outstanding("g", first.target().target())
                + picker.outstanding("g", second.target().target())
                + picker.outstanding("g", third.target().target()))
        .isEqualTo(4);
  }

  @Test
  void weightedRandom_drawsEachTargetInProportion() {
    Spec spec =
        spec(
            "{ \"name\": \"g\", \"port\": 80, \"targetType\": \"ip\","
                + " \"algorithm\": \"weighted_random\", "
                + TARGETS
                + " }");
    TargetPicker picker = new TargetPicker(spec, clock::get, new Random(7));
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < 3000; i++) {
      counts.merge(pick(spec, picker).target().target().id(), 1, Integer::sum);
    }
    assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(850, 1150));
    assertThat(pick(spec, picker).how())
        .isEqualTo("weighted_random: drawn at random among 3 targets");
  }

  @Test
  void slowStart_rampsANewlyHealthyTargetsShareLinearly() {
    Spec spec =
        spec(
            "{ \"name\": \"g\", \"port\": 80, \"targetType\": \"ip\", \"slowStartSeconds\": 100,"
                + " \"targets\": [ { \"id\": \"10.0.0.1\" }, { \"id\": \"10.0.0.2\" } ] }");
    TargetPicker picker = new TargetPicker(spec, clock::get, new Random(1));
    TargetRef fresh = new TargetRef("10.0.0.2", 80);
    picker.becameHealthy("g", fresh, true);

    clock.set(25_000_000_000L); // 25 s of 100: a quarter of its share
    assertThat(share(spec, picker, fresh, 500)).isEqualTo(100); // 0.25 / 1.25 of 500
    clock.set(50_000_000_000L);
    assertThat(share(spec, picker, fresh, 300)).isEqualTo(100); // 0.5 / 1.5 of 300
    clock.set(100_000_000_000L);
    assertThat(share(spec, picker, fresh, 300)).isEqualTo(150);
    assertThat(pick(spec, picker).how()).isEqualTo("round_robin: the next of 2 targets in turn");
  }

  @Test
  void slowStart_isSkipped_byATargetThatJoinsAGroupWithNoOtherHealthyTarget() {
    Spec spec =
        spec(
            "{ \"name\": \"g\", \"port\": 80, \"targetType\": \"ip\", \"slowStartSeconds\": 100,"
                + " \"targets\": [ { \"id\": \"10.0.0.1\" }, { \"id\": \"10.0.0.2\" } ] }");
    TargetPicker picker = new TargetPicker(spec, clock::get, new Random(1));
    TargetRef first = new TargetRef("10.0.0.2", 80);
    picker.becameHealthy("g", first, false);

    clock.set(1_000_000_000L);
    assertThat(share(spec, picker, first, 200)).isEqualTo(100);
  }

  private int share(Spec spec, TargetPicker picker, TargetRef target, int requests) {
    int count = 0;
    for (int i = 0; i < requests; i++) {
      if (pick(spec, picker).target().target().equals(target)) {
        count++;
      }
    }
    return count;
  }
}
