package io.elbctl.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.plan.Inventory.ListenerState;
import io.elbctl.plan.Inventory.RuleState;
import io.elbctl.spec.Conditions;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.Listener;
import io.elbctl.spec.PriorityRange;
import io.elbctl.spec.Rewrite;
import io.elbctl.spec.Rule;
import io.elbctl.spec.Transforms;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Rule reconciler tables: (live rules, wanted rules, adopt) → ordered changes and refusals. */
class RuleReconcilerTest {
  private static final String SPEC = "myapp";
  private static final Map<String, String> OURS = Ownership.tags(SPEC);
  private static final Map<String, String> THEIRS = Map.of();

  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "unchanged rules: nothing to do",
            List.of(live(10, "/a", OURS), live(20, "/b", OURS)),
            List.of(rule(10, "/a"), rule(20, "/b")),
            List.of()),
        row(
            "a rule whose priority alone changed is moved, not recreated",
            List.of(live(10, "/a", OURS)),
            List.of(rule(30, "/a")),
            List.of("~ rule 10 on HTTPS:443 to 30")),
        row(
            "two rules that swap priorities: one is parked at the highest free priority first",
            List.of(live(10, "/a", OURS), live(20, "/b", OURS)),
            List.of(rule(10, "/b"), rule(20, "/a")),
            List.of(
                "~ rule 10 on HTTPS:443 to 50000 (parking)",
                "~ rule 20 on HTTPS:443 to 10",
                "~ rule 50000 on HTTPS:443 to 20")),
        row(
            "a priority range bounds where a rule is parked",
            List.of(live(10, "/a", OURS), live(20, "/b", OURS)),
            List.of(rule(10, "/b"), rule(20, "/a")),
            new PriorityRange(1, 100),
            false,
            List.of(
                "~ rule 10 on HTTPS:443 to 100 (parking)",
                "~ rule 20 on HTTPS:443 to 10",
                "~ rule 100 on HTTPS:443 to 20"),
            List.of()),
        row(
            "a transform added to a rule modifies it in place",
            List.of(live(10, "/a", OURS)),
            List.of(rewriting(10, "/a")),
            List.of("~ rule 10 on HTTPS:443 [transforms]")),
        row(
            "a transform removed outside elbctl is modified back",
            List.of(new RuleState("rule-10", 10, conditions("/a"), STRIP, forward("app"), OURS)),
            List.of(rule(10, "/a")),
            List.of("~ rule 10 on HTTPS:443 [transforms]")),
        row(
            "a rule whose transforms equal the live ones is kept",
            List.of(new RuleState("rule-10", 10, conditions("/a"), STRIP, forward("app"), OURS)),
            List.of(rewriting(10, "/a")),
            List.of()),
        row(
            "new conditions at an owned rule's priority modify it in place",
            List.of(live(10, "/a", OURS)),
            List.of(rule(10, "/b")),
            List.of("~ rule 10 on HTTPS:443 [conditions]")),
        row(
            "a rule no longer wanted is deleted after the new one is created",
            List.of(live(10, "/a", OURS)),
            List.of(rule(20, "/b")),
            List.of("+ rule 20 on HTTPS:443", "- rule 10 on HTTPS:443")),
        row(
            "modifications come before moves and creations",
            List.of(live(10, "/a", OURS), live(20, "/b", OURS)),
            List.of(rule(5, "/b"), rule(10, "/c"), rule(30, "/d")),
            List.of(
                "~ rule 10 on HTTPS:443 [conditions]",
                "~ rule 20 on HTTPS:443 to 5",
                "+ rule 30 on HTTPS:443")),
        row(
            "someone else's rule at a wanted priority is refused and left alone",
            List.of(live(10, "/a", THEIRS)),
            List.of(rule(10, "/a")),
            null,
            false,
            List.of(),
            List.of(
                "a rule at priority 10 on HTTPS:443 exists but was not created for spec myapp"
                    + " (tags: none); elbctl does not take over resources it did not create:"
                    + " rename it in the spec, or delete or re-tag the existing one")),
        row(
            "with adopt, someone else's rule at a wanted priority is tagged and kept",
            List.of(live(10, "/a", THEIRS)),
            List.of(rule(10, "/a")),
            null,
            true,
            List.of("~ rule 10 on HTTPS:443 [owner (adopt)]"),
            List.of()),
        row(
            "someone else's rule at a priority the spec does not use is left alone",
            List.of(live(5, "/x", THEIRS)),
            List.of(rule(10, "/a")),
            List.of("+ rule 10 on HTTPS:443")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reconcile(
      String name,
      List<RuleState> live,
      List<Rule> wanted,
      PriorityRange range,
      boolean adopt,
      List<String> changes,
      List<String> refusals) {
    Listener listener = new Listener(443, "HTTPS", null, forward("app"), range, wanted);
    ListenerState state =
        new ListenerState("listener", 443, "HTTPS", null, null, forward("app"), OURS, live);
    PlanDraft draft = new PlanDraft(SPEC, adopt);
    List<Rule> sorted = new ArrayList<>(wanted);
    sorted.sort(Comparator.comparing(Rule::priority));

    new RuleReconciler(draft, listener, state, sorted).run();

    assertThat(draft.changes.stream().map(RuleReconcilerTest::describe))
        .containsExactlyElementsOf(changes);
    assertThat(draft.refusals.stream().map(Refusal::message)).containsExactlyElementsOf(refusals);
  }

  private static String describe(Change change) {
    String text = change.kind().symbol + " " + change.resource();
    if (change instanceof Change.MoveRule move) {
      return text + " to " + move.to() + (move.parking() ? " (parking)" : "");
    }
    if (change instanceof Change.ModifyRule || change instanceof Change.Adopt) {
      return text + " " + change.fields().stream().map(Field::name).toList();
    }
    return text;
  }

  private static final Transforms STRIP = new Transforms(null, new Rewrite("^/a/(.*)$", "/$1"));

  private static Rule rewriting(int priority, String path) {
    return new Rule(priority, conditions(path), STRIP, forward("app"));
  }

  private static Rule rule(int priority, String path) {
    return new Rule(priority, conditions(path), forward("app"));
  }

  private static RuleState live(int priority, String path, Map<String, String> tags) {
    return new RuleState("rule-" + priority, priority, conditions(path), forward("app"), tags);
  }

  private static Conditions conditions(String path) {
    return new Conditions(List.of(path), null, null, null, null, null, null, null);
  }

  private static ForwardAction forward(String group) {
    return new ForwardAction("forward", group, null, null);
  }

  /** A row without a priority range or adopt, that refuses nothing. */
  private static Arguments row(
      String name, List<RuleState> live, List<Rule> wanted, List<String> changes) {
    return row(name, live, wanted, null, false, changes, List.of());
  }

  private static Arguments row(
      String name,
      List<RuleState> live,
      List<Rule> wanted,
      PriorityRange range,
      boolean adopt,
      List<String> changes,
      List<String> refusals) {
    return Arguments.of(name, live, wanted, range, adopt, changes, refusals);
  }
}
