package io.elbctl.sim;

import io.elbctl.spec.Glob;
import io.elbctl.spec.Listener;
import io.elbctl.spec.Problem;
import io.elbctl.spec.Rule;
import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Static analysis of a valid spec's rules and health checks: rules and values that can never take
 * effect (each proved with a witness request), redundant values, health-check pitfalls and OAuth2
 * flows that lose their state. Every finding is a warning; quotas, duplicates and pattern mistakes
 * such as {@code **} are the spec validator's. The rule checks live here; {@link Subsumption}
 * proves them, {@link WitnessRequest} illustrates them, and {@link HealthCheckLint} and {@link
 * OAuthLint} hold the other two families.
 */
public final class Linter {
  private final Spec spec;
  private final Router router;
  private final List<Problem> problems = new ArrayList<>();

  private Linter(Spec spec, Semantics semantics) {
    this.spec = spec;
    this.router = Router.compile(spec, semantics);
  }

  /** Every warning for a spec that has no errors. */
  public static List<Problem> lint(Spec spec, Semantics semantics) {
    Linter linter = new Linter(spec, semantics);
    linter.rules();
    linter.problems.addAll(HealthCheckLint.check(spec));
    linter.problems.addAll(TransformLint.check(spec));
    linter.problems.addAll(OAuthLint.check(spec, linter.router));
    return List.copyOf(linter.problems);
  }

  private void warn(String path, String message) {
    problems.add(Problem.warning(path, message));
  }

  /** The lint warnings of a valid spec added to its problems; an invalid spec is left as it is. */
  public static SpecResult withLint(SpecResult result) {
    if (result.hasErrors()) {
      return result;
    }
    List<Problem> all = new ArrayList<>(result.problems());
    try {
      for (Problem problem : lint(result.spec(), Semantics.DEFAULT)) {
        if (all.stream().noneMatch(p -> p.describe().equals(problem.describe()))) {
          all.add(problem);
        }
      }
    } catch (RuleCompilationException e) {
      all.add(Problem.error("loadBalancer", "cannot compile the rules: " + e.getMessage()));
    }
    return new SpecResult(result.spec(), all);
  }

  private static String rulePath(int listener, CompiledRule rule) {
    return "loadBalancer.listeners[" + listener + "].rules[" + rule.specIndex() + "]";
  }

  private void rules() {
    List<Listener> listeners = spec.loadBalancer().listeners();
    for (int l = 0; l < listeners.size(); l++) {
      CompiledListener listener = Router.compileListener(listeners.get(l), router.semantics());
      List<CompiledRule> rules = listener.rules();
      for (int j = 0; j < rules.size(); j++) {
        CompiledRule rule = rules.get(j);
        redundantValues(l, rule);
        CompiledRule shadow = firstSubsuming(rules, j, rule);
        if (shadow != null) {
          warn(
              rulePath(l, rule),
              "rule "
                  + rule.priority()
                  + " is unreachable: rule "
                  + shadow.priority()
                  + " matches every request it matches and is evaluated first"
                  + witness(listener, rule));
          continue;
        }
        deadValues(l, listener, rules, j, rule);
      }
    }
  }

  private CompiledRule firstSubsuming(List<CompiledRule> rules, int j, CompiledRule rule) {
    for (int i = 0; i < j; i++) {
      if (Subsumption.subsumes(rules.get(i), rule)) {
        return rules.get(i);
      }
    }
    return null;
  }

  /** For a rule with several path or host values, the values an earlier rule always takes. */
  private void deadValues(
      int l, CompiledListener listener, List<CompiledRule> rules, int j, CompiledRule rule) {
    for (int c = 0; c < rule.conditions().size(); c++) {
      Condition condition = rule.conditions().get(c);
      if (!(condition instanceof Condition.Path || condition instanceof Condition.Host)
          || condition.valueCount() < 2) {
        continue;
      }
      List<Glob> globs = ((Condition.Patterns) condition).globs();
      String field = globField(condition);
      for (int v = 0; v < globs.size(); v++) {
        List<Condition> narrowed = new ArrayList<>(rule.conditions());
        narrowed.set(
            c,
            condition instanceof Condition.Path
                ? new Condition.Path(List.of(globs.get(v)), List.of())
                : new Condition.Host(List.of(globs.get(v)), List.of()));
        CompiledRule single =
            new CompiledRule(
                rule.priority(),
                rule.specIndex(),
                narrowed,
                rule.transforms(),
                rule.authenticate(),
                rule.action());
        CompiledRule shadow = firstSubsuming(rules, j, single);
        if (shadow != null) {
          warn(
              rulePath(l, rule)
                  + ".conditions."
                  + field
                  + "["
                  + specValueIndex(rule, field, globs.get(v))
                  + "]",
              "value "
                  + globs.get(v).source()
                  + " of rule "
                  + rule.priority()
                  + " never applies: rule "
                  + shadow.priority()
                  + " takes those requests first"
                  + witness(listener, single));
        }
      }
    }
  }

  private int specValueIndex(CompiledRule rule, String field, Glob glob) {
    for (Listener listener : spec.loadBalancer().listeners()) {
      for (Rule specRule : listener.rules()) {
        if (specRule.priority() == rule.priority()) {
          List<String> values =
              field.equals("pathPatterns")
                  ? specRule.conditions().pathPatterns()
                  : specRule.conditions().hostHeaders();
          for (int i = 0; i < values.size(); i++) {
            if (values.get(i).equalsIgnoreCase(glob.source())) {
              return i;
            }
          }
        }
      }
    }
    return 0;
  }

  /** The spec field that holds a condition's glob values. */
  private static String globField(Condition condition) {
    if (condition instanceof Condition.Path) {
      return "pathPatterns";
    } else if (condition instanceof Condition.Host) {
      return "hostHeaders";
    } else if (condition instanceof Condition.Header) {
      return "httpHeaders";
    }
    throw new AssertionError(condition);
  }

  private void redundantValues(int l, CompiledRule rule) {
    for (Condition condition : rule.conditions()) {
      if (!(condition instanceof Condition.Patterns patterns)) {
        continue;
      }
      List<Glob> globs = patterns.globs();
      String field = globField(condition);
      for (int a = 0; a < globs.size(); a++) {
        for (int b = 0; b < globs.size(); b++) {
          if (a == b) {
            continue;
          }
          Glob inner = globs.get(a);
          Glob outer = globs.get(b);
          boolean same = inner.isWithin(outer) && outer.isWithin(inner);
          if (inner.isWithin(outer) && !same) {
            warn(
                rulePath(l, rule) + ".conditions." + field,
                "value "
                    + inner.source()
                    + " of rule "
                    + rule.priority()
                    + " is redundant: "
                    + outer.source()
                    + " already matches everything it matches");
            break;
          }
        }
      }
    }
  }

  /** A request that satisfies the rule, built from its first values, routed to prove the point. */
  private String witness(CompiledListener listener, CompiledRule rule) {
    Request request = WitnessRequest.build(listener, rule);
    if (request == null) {
      return "";
    }
    PreparedRequest prepared = router.prepare(router.complete(request, listener));
    if (!rule.matches(prepared)) {
      return "";
    }
    int index = listener.match(prepared);
    String where =
        index < 0 ? "the default action" : "rule " + listener.rules().get(index).priority();
    return " (e.g. " + WitnessRequest.describe(request) + " → " + where + ")";
  }
}
