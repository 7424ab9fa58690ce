package io.elbctl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Round robin within a group, exact weight proportions across groups, fail-open and 503. */
class TargetPickerTest {
  static final Spec SPEC =
      SpecReader.parse(
              """
              {
                "apiVersion": "elbctl/v1", "name": "pick", "region": "eu-west-1",
                "domain": { "hostedZone": "example.com", "records": ["example.com"] },
                "targetGroups": [
                  { "name": "a", "port": 80, "targetType": "ip",
                    "targets": [ { "id": "10.0.0.1" }, { "id": "10.0.0.2" } ] },
                  { "name": "b", "port": 80, "targetType": "ip", "targets": [ { "id": "10.0.0.3" } ] },
                  { "name": "none", "port": 80, "targetType": "ip" }
                ],
                "loadBalancer": { "name": "pick", "listeners": [
                  { "port": 80, "protocol": "HTTP",
                    "defaultAction": { "type": "forward", "targetGroups": [
                      { "name": "a", "weight": 2 }, { "name": "b", "weight": 1 } ] },
                    "rules": [ { "priority": 1, "conditions": { "pathPatterns": ["/none"] },
                      "action": { "type": "forward", "targetGroup": "none" } } ] } ] }
              }
              """)
          .spec();

  final Router router = Router.compile(SPEC, Semantics.DEFAULT);
  final HealthModel health = HealthModel.healthy(SPEC, Semantics.DEFAULT);
  final TargetPicker picker = new TargetPicker(SPEC);

  List<String> pick(String path, int times) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      Decision.TargetRoute route = picker.pick(router.route(Request.get(path), health));
      out.add(route == null ? "503" : route.target().id());
    }
    return out;
  }

  @Test
  void weightsSplitExactly_andEachGroupTakesItsTargetsInTurn() {
    assertThat(pick("/", 6))
        .containsExactly("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.1", "10.0.0.2", "10.0.0.3");
  }

  @Test
  void unhealthyTargets_leaveTheTurn_andAllUnhealthyFailsOpen() {
    TargetRef first = new TargetRef("10.0.0.1", 80);
    TargetRef second = new TargetRef("10.0.0.2", 80);
    health.set("a", first, TargetState.unhealthy, Duration.ZERO);
    assertThat(pick("/", 6)).doesNotContain("10.0.0.1").contains("10.0.0.2", "10.0.0.3");

    health.set("a", second, TargetState.unhealthy, Duration.ZERO);
    assertThat(pick("/", 6)).contains("10.0.0.1", "10.0.0.2", "10.0.0.3");
  }

  @Test
  void aGroupWithoutTargets_picksNothing() {
    assertThat(pick("/none", 2)).containsExactly("503", "503");
  }
}
