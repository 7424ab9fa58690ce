package io.elbctl.sim;

import io.elbctl.spec.Action;
import io.elbctl.spec.Conditions;
import io.elbctl.spec.FixedResponseAction;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.Glob;
import io.elbctl.spec.HttpHeaderCondition;
import io.elbctl.spec.Listener;
import io.elbctl.spec.QueryStringCondition;
import io.elbctl.spec.RedirectAction;
import io.elbctl.spec.Rule;
import io.elbctl.spec.Spec;
import io.elbctl.spec.Target;
import io.elbctl.spec.TargetGroup;
import io.elbctl.spec.WeightedTargetGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A spec compiled once for routing: one {@link CompiledListener} per listener and the registered
 * targets of each group. Immutable and safe to share between threads; health comes in per call.
 */
public final class Router {
  private static final int MAX_HOPS = 5;

  private final Semantics semantics;
  private final List<CompiledListener> listeners;
  private final Map<String, List<TargetRef>> targets;
  private final String defaultHost;

  private Router(
      Semantics semantics,
      List<CompiledListener> listeners,
      Map<String, List<TargetRef>> targets,
      String defaultHost) {
    this.semantics = semantics;
    this.listeners = List.copyOf(listeners);
    this.targets = targets;
    this.defaultHost = defaultHost;
  }

  /** Compiles every listener of a valid spec. */
  public static Router compile(Spec spec, Semantics semantics) {
    List<CompiledListener> compiled = new ArrayList<>();
    for (Listener listener : spec.loadBalancer().listeners()) {
      compiled.add(compileListener(listener, semantics));
    }
    compiled.sort(Comparator.comparingInt(CompiledListener::port));
    Map<String, List<TargetRef>> targets = new LinkedHashMap<>();
    for (TargetGroup group : spec.targetGroups()) {
      List<TargetRef> refs = new ArrayList<>();
      for (Target target : group.targets()) {
        refs.add(new TargetRef(target.id(), group.portOf(target)));
      }
      targets.put(group.name(), List.copyOf(refs));
    }
    String host =
        spec.domain() != null && !spec.domain().records().isEmpty()
            ? spec.domain().records().get(0)
            : spec.domain() != null ? spec.domain().hostedZone() : "example.com";
    return new Router(semantics, compiled, targets, host);
  }

  /** Compiles one listener; exposed so a proxy can recompile a single listener. */
  public static CompiledListener compileListener(Listener listener, Semantics semantics) {
    List<CompiledRule> rules = new ArrayList<>();
    List<Rule> specRules = listener.rules();
    for (int i = 0; i < specRules.size(); i++) {
      Rule rule = specRules.get(i);
      rules.add(
          new CompiledRule(
              rule.priority(),
              i,
              compileConditions(rule.conditions(), semantics),
              RuleTransforms.compile(rule.transforms(), semantics),
              rule.authenticate(),
              rule.action()));
    }
    rules.sort(Comparator.comparingInt(CompiledRule::priority));
    return new CompiledListener(
        listener.port(), listener.protocol(), rules, listener.defaultAction());
  }

  /** Compiles a rule's conditions, path first, then host, method, headers, query, source IP. */
  public static List<Condition> compileConditions(Conditions c, Semantics semantics) {
    List<Condition> out = new ArrayList<>();
    boolean full = semantics.regexMatch() == Semantics.RegexMatch.full;
    if (!c.pathPatterns().isEmpty() || !c.pathRegexes().isEmpty()) {
      out.add(
          new Condition.Path(
              c.pathPatterns().stream().map(Glob::of).toList(),
              regexes(c.pathRegexes(), full, regexIgnoresCase(semantics, false))));
    }
    if (!c.hostHeaders().isEmpty() || !c.hostRegexes().isEmpty()) {
      out.add(
          new Condition.Host(
              c.hostHeaders().stream().map(Glob::ignoringCase).toList(),
              regexes(c.hostRegexes(), full, regexIgnoresCase(semantics, true))));
    }
    if (!c.methods().isEmpty()) {
      out.add(new Condition.Method(List.copyOf(c.methods())));
    }
    for (HttpHeaderCondition header : c.httpHeaders()) {
      out.add(
          new Condition.Header(
              header.name(),
              header.name().toLowerCase(Locale.ROOT),
              header.values().stream().map(Glob::ignoringCase).toList(),
              regexes(header.regexValues(), full, regexIgnoresCase(semantics, true))));
    }
    if (!c.queryStrings().isEmpty()) {
      List<Condition.Pair> pairs = new ArrayList<>();
      for (QueryStringCondition pair : c.queryStrings()) {
        pairs.add(
            new Condition.Pair(
                pair.key() == null ? null : Glob.queryString(pair.key()),
                Glob.queryString(pair.value())));
      }
      out.add(new Condition.Query(pairs));
    }
    if (!c.sourceIps().isEmpty()) {
      out.add(new Condition.SourceIp(c.sourceIps().stream().map(Cidr::parse).toList()));
    }
    return out;
  }

  private static boolean regexIgnoresCase(Semantics semantics, boolean conditionIgnoresCase) {
    switch (semantics.regexCase()) {
      case sensitive:
        return false;
      case insensitive:
        return true;
      default:
        return conditionIgnoresCase;
    }
  }

  private static List<Condition.Regex> regexes(
      List<String> sources, boolean full, boolean ignoreCase) {
    return sources.stream().map(s -> Condition.Regex.compile(s, full, ignoreCase)).toList();
  }

  public Semantics semantics() {
    return semantics;
  }

  /** Listeners in port order. */
  public List<CompiledListener> listeners() {
    return listeners;
  }

  public Optional<CompiledListener> listener(int port) {
    for (CompiledListener listener : listeners) {
      if (listener.port() == port) {
        return Optional.of(listener);
      }
    }
    return Optional.empty();
  }

  /** The HTTPS listener, else the one on the lowest port. */
  public CompiledListener defaultListener() {
    return listeners.stream().filter(CompiledListener::https).findFirst().orElse(listeners.get(0));
  }

  /** The host used when a request names none: the spec's first alias record. */
  public String defaultHost() {
    return defaultHost;
  }

  /** The registered targets of a group (empty for an unknown group). */
  public List<TargetRef> targets(String group) {
    return targets.getOrDefault(group, List.of());
  }

  /** The names of every target group in the spec. */
  public List<String> groupNames() {
    return List.copyOf(targets.keySet());
  }

  /**
   * The listener a request arrives on: its port when it has one, else the default listener.
   *
   * @throws IllegalArgumentException when no listener has the request's port
   */
  public CompiledListener listenerFor(Request request) {
    if (request.port() == null) {
      return defaultListener();
    }
    return listener(request.port())
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "the spec has no listener on port "
                        + request.port()
                        + " (it has "
                        + listeners.stream().map(l -> String.valueOf(l.port())).toList()
                        + ")"));
  }

  /** The request as it arrives on {@code listener}: scheme, port and host filled in. */
  public Request complete(Request request, CompiledListener listener) {
    String scheme = listener.https() ? "https" : "http";
    if (request.host() != null
        && request.port() != null
        && request.port() == listener.port()
        && scheme.equals(request.scheme())) {
      // Already as it arrives (a replayed log line names its scheme, host and port).
      return request;
    }
    return new Request(
        request.method(),
        scheme,
        request.host() == null ? defaultHost : request.host(),
        listener.port(),
        request.path(),
        request.query(),
        request.headers(),
        request.sourceIp());
  }

  /** The request reduced for matching under this router's semantics. */
  public PreparedRequest prepare(Request completed) {
    return new PreparedRequest(completed, semantics);
  }

  /** Routes one request and explains every rule tried; the client has no session. */
  public Decision decide(Request request, HealthView health) {
    return decide(request, health, false);
  }

  /**
   * Routes one request and explains every rule tried; {@code authenticated} says whether the client
   * holds a valid session for a rule's authenticate action.
   */
  public Decision decide(Request request, HealthView health, boolean authenticated) {
    CompiledListener listener = listenerFor(request);
    Request completed = complete(request, listener);
    PreparedRequest prepared = prepare(completed);
    List<TraceEntry> trace = listener.explain(prepared);
    boolean matched = !trace.isEmpty() && trace.get(trace.size() - 1).matched();
    CompiledRule rule = matched ? listener.rules().get(trace.size() - 1) : null;
    return outcome(listener, completed, rule, trace, health, authenticated);
  }

  /** Routes one request without a trace (the fast path). */
  public Decision route(Request request, HealthView health) {
    CompiledListener listener = listenerFor(request);
    Request completed = complete(request, listener);
    int index = listener.match(prepare(completed));
    CompiledRule rule = index < 0 ? null : listener.rules().get(index);
    return outcome(listener, completed, rule, List.of(), health, false);
  }

  /**
   * Routes a request and follows redirects into the listener the Location names, as a browser
   * would, until a forward, a fixed response, a foreign host or port, or a loop.
   */
  public List<Decision> follow(Request request, HealthView health) {
    return follow(request, health, false);
  }

  /** As {@link #follow(Request, HealthView)}, with or without a session for authenticate. */
  public List<Decision> follow(Request request, HealthView health, boolean authenticated) {
    List<Decision> hops = new ArrayList<>();
    Request current = request;
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (hops.size() < MAX_HOPS) {
      Decision decision = decide(current, health, authenticated);
      hops.add(decision);
      // A redirect to the identity provider leaves the load balancer.
      if (decision.location() == null
          || decision.authentication() != null
          || !seen.add(decision.location())) {
        break;
      }
      Request next;
      try {
        next = Request.parse(decision.location(), current.method());
      } catch (IllegalArgumentException e) {
        break;
      }
      if (listener(next.port()).isEmpty()) {
        break;
      }
      current = next.withHeaders(current.headers()).withSourceIp(current.sourceIp());
    }
    return hops;
  }

  /** What {@code rule}, or the default action when it is null, does with the request. */
  private Decision outcome(
      CompiledListener listener,
      Request request,
      CompiledRule rule,
      List<TraceEntry> trace,
      HealthView health,
      boolean authenticated) {
    Integer priority = rule == null ? null : rule.priority();
    Action action = rule == null ? listener.defaultAction() : rule.action();
    RuleTransforms.Rewritten rewritten = null;
    Integer status;
    String location = null;
    List<Decision.GroupRoute> groups = new ArrayList<>();
    List<Decision.TargetRoute> reachable = new ArrayList<>();
    boolean failOpen = false;
    if (action instanceof ForwardAction forward) {
      List<WeightedTargetGroup> weighted = forward.groups();
      int total = 0;
      for (WeightedTargetGroup group : weighted) {
        total += group.weight();
      }
      boolean anyServes = false;
      for (WeightedTargetGroup group : weighted) {
        double share = total == 0 ? 0 : (double) group.weight() / total;
        Decision.GroupRoute route = groupRoute(group.name(), group.weight(), share, health);
        groups.add(route);
        if (group.weight() > 0) {
          reachable.addAll(route.targets());
          failOpen |= route.failOpen();
          anyServes |= !route.noRegisteredTargets();
        }
      }
      status = anyServes ? null : 503;
      if (rule != null && !rule.transforms().isEmpty()) {
        rewritten = rule.transforms().apply(request);
        if (rewritten.failed()) {
          status = 500;
        }
      }
    } else if (action instanceof RedirectAction redirect) {
      status = RedirectLocation.status(redirect);
      location = RedirectLocation.build(redirect, request, semantics);
    } else if (action instanceof FixedResponseAction fixed) {
      status = Integer.parseInt(fixed.statusCode());
    } else {
      throw new AssertionError(action);
    }
    Authentication authentication = null;
    if (rule != null && rule.authenticate() != null) {
      authentication = Authentication.of(rule.authenticate(), request, authenticated);
      if (authentication.statusCode() != null) {
        status = authentication.statusCode();
        location = authentication.location();
        rewritten = null;
        reachable.clear();
        failOpen = false;
      }
    }
    return new Decision(
        listener.port(),
        listener.protocol(),
        request,
        priority,
        action,
        trace,
        status,
        location,
        groups,
        reachable,
        failOpen,
        rewritten,
        authentication);
  }

  /**
   * The targets of one group that may receive a request: the healthy ones; none healthy but some
   * registered means fail-open to all registered; none registered means a 503 from the ALB.
   */
  public Decision.GroupRoute groupRoute(String group, int weight, double share, HealthView health) {
    List<Decision.TargetRoute> registered = new ArrayList<>();
    List<Decision.TargetRoute> healthy = new ArrayList<>();
    for (TargetRef target : targets(group)) {
      TargetState state = health.state(group, target);
      if (state.registered()) {
        Decision.TargetRoute route = new Decision.TargetRoute(group, target, state);
        registered.add(route);
        if (state == TargetState.healthy) {
          healthy.add(route);
        }
      }
    }
    if (registered.isEmpty()) {
      return new Decision.GroupRoute(group, weight, share, List.of(), false, true);
    }
    if (healthy.isEmpty()) {
      return new Decision.GroupRoute(group, weight, share, registered, true, false);
    }
    return new Decision.GroupRoute(group, weight, share, healthy, false, false);
  }
}
