package io.elbctl.sim;

import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.Glob;
import io.elbctl.spec.Listener;
import io.elbctl.spec.Problem;
import io.elbctl.spec.Rule;
import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecResult;
import io.elbctl.spec.TargetGroup;
import io.elbctl.spec.WeightedTargetGroup;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Static analysis of a valid spec's rules and health checks: rules and values that can never take
 * effect (each proved with a witness request), redundant values, health-check pitfalls and OAuth2
 * flows that lose their state. Every finding is a warning; quotas, duplicates and pattern mistakes
 * such as {@code **} are the spec validator's. At about 500 lines it is one class because every
 * check walks the same compiled listeners and shares the subsumption and witness-request logic.
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
    linter.healthChecks();
    linter.oauth();
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
      if (subsumes(rules.get(i), rule)) {
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
      List<Glob> globs;
      String field;
      if (condition instanceof Condition.Path path) {
        globs = path.globs();
        field = "pathPatterns";
      } else if (condition instanceof Condition.Host host) {
        globs = host.globs();
        field = "hostHeaders";
      } else {
        continue;
      }
      if (condition.valueCount() < 2) {
        continue;
      }
      for (int v = 0; v < globs.size(); v++) {
        List<Condition> narrowed = new ArrayList<>(rule.conditions());
        narrowed.set(
            c,
            condition instanceof Condition.Path
                ? new Condition.Path(List.of(globs.get(v)), List.of())
                : new Condition.Host(List.of(globs.get(v)), List.of()));
        CompiledRule single =
            new CompiledRule(rule.priority(), rule.specIndex(), narrowed, rule.action());
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

  private void redundantValues(int l, CompiledRule rule) {
    for (Condition condition : rule.conditions()) {
      List<Glob> globs;
      String field;
      if (condition instanceof Condition.Path path) {
        globs = path.globs();
        field = "pathPatterns";
      } else if (condition instanceof Condition.Host host) {
        globs = host.globs();
        field = "hostHeaders";
      } else if (condition instanceof Condition.Header header) {
        globs = header.globs();
        field = "httpHeaders";
      } else {
        continue;
      }
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

  /** True when every request that satisfies {@code inner} also satisfies {@code outer}. */
  static boolean subsumes(CompiledRule outer, CompiledRule inner) {
    for (Condition required : outer.conditions()) {
      boolean covered = false;
      for (Condition have : inner.conditions()) {
        if (within(have, required)) {
          covered = true;
          break;
        }
      }
      if (!covered) {
        return false;
      }
    }
    return true;
  }

  private static boolean within(Condition inner, Condition outer) {
    if (inner instanceof Condition.Path a && outer instanceof Condition.Path b) {
      return globsWithin(a.globs(), b.globs()) && regexesWithin(a.regexes(), b.regexes());
    } else if (inner instanceof Condition.Host a && outer instanceof Condition.Host b) {
      return globsWithin(a.globs(), b.globs()) && regexesWithin(a.regexes(), b.regexes());
    } else if (inner instanceof Condition.Header a && outer instanceof Condition.Header b) {
      return a.lowerName().equals(b.lowerName())
          && globsWithin(a.globs(), b.globs())
          && regexesWithin(a.regexes(), b.regexes());
    } else if (inner instanceof Condition.Query a && outer instanceof Condition.Query b) {
      for (Condition.Pair pair : a.pairs()) {
        boolean found = false;
        for (Condition.Pair candidate : b.pairs()) {
          boolean keyOk =
              candidate.key() == null
                  || (pair.key() != null && pair.key().isWithin(candidate.key()));
          if (keyOk && pair.value().isWithin(candidate.value())) {
            found = true;
            break;
          }
        }
        if (!found) {
          return false;
        }
      }
      return true;
    } else if (inner instanceof Condition.Method a && outer instanceof Condition.Method b) {
      return b.methods().containsAll(a.methods());
    } else if (inner instanceof Condition.SourceIp a && outer instanceof Condition.SourceIp b) {
      for (Cidr block : a.blocks()) {
        if (b.blocks().stream().noneMatch(o -> o.containsBlock(block))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean globsWithin(List<Glob> inner, List<Glob> outer) {
    for (Glob glob : inner) {
      if (outer.stream().noneMatch(glob::isWithin)) {
        return false;
      }
    }
    return true;
  }

  private static boolean regexesWithin(List<Condition.Regex> inner, List<Condition.Regex> outer) {
    for (Condition.Regex regex : inner) {
      if (outer.stream().noneMatch(o -> o.source().equals(regex.source()))) {
        return false;
      }
    }
    return true;
  }

  /** A request that satisfies the rule, built from its first values, routed to prove the point. */
  private String witness(CompiledListener listener, CompiledRule rule) {
    Request request = witnessRequest(listener, rule);
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
    return " (e.g. " + describe(request) + " → " + where + ")";
  }

  static Request witnessRequest(CompiledListener listener, CompiledRule rule) {
    Request request = new Request("GET", null, null, listener.port(), "/", null, List.of(), null);
    for (Condition condition : rule.conditions()) {
      if (condition instanceof Condition.Path path) {
        if (path.globs().isEmpty()) {
          return null;
        }
        String example = path.globs().get(0).example("x");
        request =
            new Request(
                request.method(),
                null,
                request.host(),
                request.port(),
                example,
                request.query(),
                request.headers(),
                request.sourceIp());
      } else if (condition instanceof Condition.Host host) {
        if (host.globs().isEmpty()) {
          return null;
        }
        request = request.withHost(host.globs().get(0).example("x"));
      } else if (condition instanceof Condition.Method method) {
        request = request.withMethod(method.methods().get(0));
      } else if (condition instanceof Condition.Header header) {
        if (header.globs().isEmpty()) {
          return null;
        }
        request = request.withHeader(header.name(), header.globs().get(0).example("x"));
      } else if (condition instanceof Condition.Query query) {
        Condition.Pair pair = query.pairs().get(0);
        String item =
            (pair.key() == null ? "x" : pair.key().example("x")) + "=" + pair.value().example("x");
        String joined = request.query() == null ? item : request.query() + "&" + item;
        request =
            new Request(
                request.method(),
                null,
                request.host(),
                request.port(),
                request.path(),
                joined,
                request.headers(),
                request.sourceIp());
      } else if (condition instanceof Condition.SourceIp ip) {
        Cidr block = ip.blocks().get(0);
        try {
          request =
              request.withSourceIp(
                  java.net.InetAddress.getByAddress(block.network()).getHostAddress());
        } catch (java.net.UnknownHostException e) {
          return null;
        }
      } else {
        throw new AssertionError(condition);
      }
    }
    return request;
  }

  private static String describe(Request request) {
    StringBuilder out = new StringBuilder(request.method()).append(' ');
    if (request.host() != null) {
      out.append("Host: ").append(request.host()).append(' ');
    }
    out.append(request.target());
    for (Request.Header header : request.headers()) {
      out.append(" -H '").append(header.name()).append(": ").append(header.value()).append('\'');
    }
    if (request.sourceIp() != null) {
      out.append(" from ").append(request.sourceIp());
    }
    return out.toString();
  }

  private void healthChecks() {
    Set<String> used = HealthModel.groupsInUse(spec);
    Set<String> defaults = new HashSet<>();
    for (Listener listener : spec.loadBalancer().listeners()) {
      if (listener.defaultAction() instanceof ForwardAction forward) {
        forward.groups().forEach(g -> defaults.add(g.name()));
      }
    }
    List<TargetGroup> groups = spec.targetGroups();
    for (int g = 0; g < groups.size(); g++) {
      TargetGroup group = groups.get(g);
      if (!used.contains(group.name())) {
        continue;
      }
      String path = "targetGroups[" + g + "].healthCheck";
      HealthSettings settings;
      try {
        settings = HealthSettings.of(group);
      } catch (RuleCompilationException e) {
        continue;
      }
      StatusMatcher matcher = settings.matcher();
      boolean accepts3xx = matcher.acceptsAnyOf(300, 399);
      boolean acceptsAuth = matcher.acceptsAnyOf(401, 401) || matcher.acceptsAnyOf(403, 403);
      if (settings.path().equals("/") && defaults.contains(group.name())) {
        warn(
            path + ".path",
            "target group "
                + group.name()
                + " checks GET / on the frontend, which often answers"
                + " a redirect (login page, locale, trailing slash) rather than 200; give the app"
                + " a dedicated health path such as /healthz");
      }
      if (accepts3xx) {
        warn(
            path + ".matcher",
            "target group "
                + group.name()
                + " accepts redirects (matcher "
                + matcher
                + "): a"
                + " redirect to a login page or to HTTPS passes the check and hides a broken app;"
                + " prefer \"200\"");
      }
      if (acceptsAuth) {
        warn(
            path + ".matcher",
            "target group "
                + group.name()
                + " accepts 401/403 (matcher "
                + matcher
                + "): a"
                + " health path behind authentication passes without proving the app works");
      }
      if (settings.path().startsWith("/actuator/health") && !acceptsAuth) {
        warn(
            path + ".path",
            "target group "
                + group.name()
                + " checks "
                + settings.path()
                + ": Spring Security"
                + " answers 401 (or a 302 to the login page) unless that path is permitted without"
                + " authentication; permitAll() it so the check reaches the app");
      }
    }
  }

  private void oauth() {
    CompiledListener listener = router.defaultListener();
    Decision authorize;
    Decision callback;
    try {
      authorize =
          router.route(
              Request.get("/oauth2/authorization/google").withPort(listener.port()),
              HealthView.ALL_HEALTHY);
      callback =
          router.route(
              Request.get("/login/oauth2/code/google").withPort(listener.port()),
              HealthView.ALL_HEALTHY);
    } catch (IllegalArgumentException e) {
      return;
    }
    if (authorize.priority() == null && callback.priority() == null) {
      return;
    }
    String base =
        "loadBalancer.listeners["
            + spec.loadBalancer().listeners().indexOf(listenerSpec(listener))
            + "]";
    if (!authorize.destination().equals(callback.destination())) {
      warn(
          base,
          "the OAuth2 authorization request (/oauth2/authorization/google → "
              + authorize.destination()
              + ") and its callback (/login/oauth2/code/google → "
              + callback.destination()
              + ") reach different places, so the callback cannot find the OAuth2 state");
      return;
    }
    if (!(callback.action() instanceof ForwardAction forward)) {
      return;
    }
    List<WeightedTargetGroup> live = forward.groups().stream().filter(g -> g.weight() > 0).toList();
    if (live.size() > 1 && forward.stickinessSeconds() == null) {
      warn(
          base,
          "the OAuth2 paths are split by weight over "
              + live.size()
              + " target groups without"
              + " group stickiness (stickinessSeconds), so the callback may reach another group"
              + " and lose the OAuth2 state");
    }
    for (WeightedTargetGroup weighted : live) {
      spec.targetGroup(weighted.name())
          .filter(g -> g.targets().size() > 1 && g.stickinessSeconds() == null)
          .ifPresent(
              g ->
                  warn(
                      "targetGroups[" + spec.targetGroups().indexOf(g) + "]",
                      "the OAuth2 paths go to target group "
                          + g.name()
                          + ", which has "
                          + g.targets().size()
                          + " targets and no stickiness: the callback may"
                          + " reach another target than the authorization request and lose the"
                          + " OAuth2 state; set stickinessSeconds or share sessions"));
    }
  }

  private Listener listenerSpec(CompiledListener listener) {
    return spec.loadBalancer().listeners().stream()
        .filter(l -> l.port() == listener.port())
        .findFirst()
        .orElseThrow();
  }
}
