package io.elbctl.spec;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks the load balancer, its listeners, rule priorities and actions. */
final class ListenerRules extends SpecRules {
  static final int MAX_RULES_PER_LOAD_BALANCER = 100;
  static final int MAX_LISTENERS = 50;
  static final int MAX_EXTRA_CERTIFICATES = 25;
  private static final Pattern FIXED_STATUS = Pattern.compile("[245]\\d\\d");
  private static final Set<String> CONTENT_TYPES =
      Set.of("text/plain", "text/css", "text/html", "application/javascript", "application/json");
  private static final Set<String> KNOWN_SSL_POLICIES =
      Set.of(
          "ELBSecurityPolicy-2016-08",
          "ELBSecurityPolicy-TLS-1-0-2015-04",
          "ELBSecurityPolicy-TLS-1-1-2017-01",
          "ELBSecurityPolicy-TLS-1-2-2017-01",
          "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
          "ELBSecurityPolicy-FS-2018-06",
          "ELBSecurityPolicy-FS-1-1-2019-08",
          "ELBSecurityPolicy-FS-1-2-2019-08",
          "ELBSecurityPolicy-FS-1-2-Res-2019-08",
          "ELBSecurityPolicy-FS-1-2-Res-2020-10",
          "ELBSecurityPolicy-TLS13-1-0-2021-06",
          "ELBSecurityPolicy-TLS13-1-1-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
          "ELBSecurityPolicy-TLS13-1-3-2021-06",
          "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
          "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
          "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09");

  ListenerRules(Spec spec, List<Problem> problems) {
    super(spec, problems);
  }

  void loadBalancer(LoadBalancer lb) {
    if (lb.name() != null) {
      resourceName("loadBalancer.name", lb.name());
      if (lb.name().startsWith("internal-")) {
        error("loadBalancer.name", "must not begin with \"internal-\"");
      }
    }
    oneOf("loadBalancer.scheme", lb.scheme(), "internet-facing", "internal");
    oneOf(
        "loadBalancer.ipAddressType",
        lb.ipAddressType(),
        "ipv4",
        "dualstack",
        "dualstack-without-public-ipv4");
    if ("internal".equals(lb.scheme()) && !"ipv4".equals(lb.ipAddressType())) {
      error("loadBalancer.ipAddressType", "must be \"ipv4\" for an internal load balancer");
    }
    range("loadBalancer.idleTimeoutSeconds", lb.idleTimeoutSeconds(), 1, 4000);
    oneOf(
        "loadBalancer.desyncMitigationMode",
        lb.desyncMitigationMode(),
        LoadBalancer.DESYNC_MITIGATION_MODES.toArray(String[]::new));
    if (lb.listeners().isEmpty()) {
      error("loadBalancer.listeners", "must have at least one listener");
    } else if (lb.listeners().size() > MAX_LISTENERS) {
      error(
          "loadBalancer.listeners", "a load balancer has at most " + MAX_LISTENERS + " listeners");
    }
    Map<Integer, Integer> ports = new HashMap<>();
    int rules = 0;
    for (int l = 0; l < lb.listeners().size(); l++) {
      Listener listener = lb.listeners().get(l);
      String path = "loadBalancer.listeners[" + l + "]";
      if (listener.port() != null) {
        port(path + ".port", listener.port());
        Integer previous = ports.putIfAbsent(listener.port(), l);
        if (previous != null) {
          error(
              path + ".port",
              "port "
                  + listener.port()
                  + " is already used by loadBalancer.listeners["
                  + previous
                  + "]");
        }
      }
      listener(path, listener);
      rules += listener.rules().size();
    }
    int extras = lb.listeners().stream().mapToInt(l -> l.certificates().size()).sum();
    if (extras > MAX_EXTRA_CERTIFICATES) {
      warning(
          "loadBalancer.listeners",
          extras
              + " extra certificates exceed AWS's default quota of "
              + MAX_EXTRA_CERTIFICATES
              + " per load balancer (TooManyCertificates); request a quota increase first");
    }
    if (rules > MAX_RULES_PER_LOAD_BALANCER) {
      warning(
          "loadBalancer.listeners",
          rules
              + " rules exceed AWS's default quota of "
              + MAX_RULES_PER_LOAD_BALANCER
              + " rules per load balancer (TooManyRules); request a quota increase first");
    }
  }

  private void listener(String path, Listener listener) {
    if (listener.protocol() != null) {
      oneOf(path + ".protocol", listener.protocol(), "HTTP", "HTTPS");
    }
    if (listener.sslPolicy() != null) {
      if (!listener.https()) {
        error(path + ".sslPolicy", "applies only to HTTPS listeners");
      } else if (!KNOWN_SSL_POLICIES.contains(listener.sslPolicy())) {
        warning(
            path + ".sslPolicy",
            "\""
                + listener.sslPolicy()
                + "\" is not a known ELB security policy; AWS answers"
                + " SSLPolicyNotFound if it does not exist");
      }
    }
    certificates(path, listener);
    PriorityRange band = listener.priorityRange();
    if (band != null && band.from() != null && band.to() != null) {
      if (band.from() < 1 || band.to() > Rule.MAX_PRIORITY || band.from() > band.to()) {
        error(
            path + ".priorityRange",
            "must satisfy 1 <= from <= to <= "
                + Rule.MAX_PRIORITY
                + ", got "
                + band.from()
                + "-"
                + band.to());
        band = null;
      }
    }
    if (listener.defaultAction() != null) {
      action(path + ".defaultAction", listener.defaultAction(), listener);
    }
    Map<Integer, Integer> priorities = new HashMap<>();
    for (int r = 0; r < listener.rules().size(); r++) {
      Rule rule = listener.rules().get(r);
      String rulePath = path + ".rules[" + r + "]";
      if (rule.priority() != null) {
        if (rule.priority() < 1 || rule.priority() > Rule.MAX_PRIORITY) {
          error(
              rulePath + ".priority",
              "must be 1-" + Rule.MAX_PRIORITY + ", got " + rule.priority());
        } else {
          Integer previous = priorities.putIfAbsent(rule.priority(), r);
          if (previous != null) {
            error(
                rulePath + ".priority",
                "priority "
                    + rule.priority()
                    + " is already used by "
                    + path
                    + ".rules["
                    + previous
                    + "]");
          }
          if (band != null && !band.contains(rule.priority())) {
            error(
                rulePath + ".priority",
                "must be within priorityRange "
                    + band.from()
                    + "-"
                    + band.to()
                    + ", got "
                    + rule.priority());
          }
        }
      }
      if (rule.conditions() != null) {
        new ConditionRules(spec, problems).conditions(rulePath + ".conditions", rule.conditions());
      }
      if (rule.action() != null) {
        action(rulePath + ".action", rule.action(), listener);
      }
      new TransformRules(spec, problems)
          .transforms(rulePath + ".transforms", rule.transforms(), rule.action());
      new AuthenticateRules(spec, problems)
          .authenticate(rulePath + ".authenticate", rule.authenticate(), listener);
    }
  }

  private void certificates(String path, Listener listener) {
    if (listener.certificates().isEmpty()) {
      return;
    }
    if (!listener.https()) {
      error(path + ".certificates", "applies only to HTTPS listeners");
      return;
    }
    java.util.Set<java.util.Set<String>> seen = new HashSet<>();
    if (spec.certificate() != null) {
      seen.add(spec.certificate().nameSet());
    }
    for (int i = 0; i < listener.certificates().size(); i++) {
      Certificate certificate = listener.certificates().get(i);
      String at = path + ".certificates[" + i + "]";
      new DomainRules(spec, problems).certificate(at, certificate);
      if (certificate.domainName() != null && !seen.add(certificate.nameSet())) {
        error(at, "names the same names as another certificate of this listener");
      }
    }
  }

  private void action(String path, Action action, Listener listener) {
    if (action instanceof ForwardAction forward) {
      forward(path, forward);
    } else if (action instanceof RedirectAction redirect) {
      redirect(path, redirect, listener);
    } else if (action instanceof FixedResponseAction fixed) {
      fixedResponse(path, fixed);
    } else {
      throw new AssertionError(action);
    }
  }

  private void forward(String path, ForwardAction forward) {
    if (forward.targetGroup() != null && !forward.targetGroups().isEmpty()) {
      error(path, "give either targetGroup or targetGroups, not both");
      return;
    }
    if (forward.targetGroup() == null && forward.targetGroups().isEmpty()) {
      error(path, "a forward action needs targetGroup or targetGroups");
      return;
    }
    if (forward.targetGroup() != null) {
      groupExists(path + ".targetGroup", forward.targetGroup());
    } else {
      if (forward.targetGroups().size() > 5) {
        error(
            path + ".targetGroups",
            "a forward action takes at most 5 target groups, got " + forward.targetGroups().size());
      }
      Set<String> seen = new HashSet<>();
      boolean anyWeight = false;
      for (int i = 0; i < forward.targetGroups().size(); i++) {
        WeightedTargetGroup weighted = forward.targetGroups().get(i);
        String groupPath = path + ".targetGroups[" + i + "]";
        groupExists(groupPath + ".name", weighted.name());
        if (!seen.add(weighted.name())) {
          error(groupPath + ".name", "target group \"" + weighted.name() + "\" is listed twice");
        }
        range(groupPath + ".weight", weighted.weight(), 0, 999);
        anyWeight |= weighted.weight() > 0;
      }
      if (!anyWeight) {
        warning(
            path + ".targetGroups",
            "every weight is 0; AWS does not document where such traffic goes");
      }
    }
    if (forward.stickinessSeconds() != null) {
      range(path + ".stickinessSeconds", forward.stickinessSeconds(), 1, 604_800);
    } else if (forward.weighted()) {
      TargetGroupRules.weightedStickiness(this, path, forward);
    }
  }

  private void groupExists(String path, String name) {
    if (spec.targetGroup(name).isEmpty()) {
      List<String> names = spec.targetGroups().stream().map(TargetGroup::name).toList();
      error(
          path,
          "target group \""
              + name
              + "\" is not defined in targetGroups"
              + SpecBinder.suggest(name, names));
    }
  }

  private void redirect(String path, RedirectAction redirect, Listener listener) {
    oneOf(path + ".protocol", redirect.protocol(), "HTTP", "HTTPS", "#{protocol}");
    if (!"#{port}".equals(redirect.port()) && parsePort(redirect.port()) < 0) {
      error(path + ".port", "must be 1-65535 or #{port}, got \"" + redirect.port() + "\"");
    }
    if (redirect.host().isEmpty() || redirect.host().length() > 128) {
      error(path + ".host", "must be 1-128 characters");
    }
    if (!redirect.path().startsWith("/")) {
      error(
          path + ".path",
          "must start with /, got \"" + redirect.path() + "\" (write /#{path} to keep the path)");
    } else if (redirect.path().length() > 128) {
      error(path + ".path", "must be at most 128 characters");
    }
    if (redirect.query().length() > 128) {
      error(path + ".query", "must be at most 128 characters");
    } else if (redirect.query().startsWith("?")) {
      error(path + ".query", "must not start with ? (ALB adds it)");
    }
    if (redirect.statusCode() != null) {
      oneOf(path + ".statusCode", redirect.statusCode(), "HTTP_301", "HTTP_302");
    }
    if (listener.https() && "HTTP".equals(redirect.protocol())) {
      error(path + ".protocol", "an HTTPS listener cannot redirect to HTTP");
    }
    boolean protocolChanges =
        !"#{protocol}".equals(redirect.protocol())
            && !redirect.protocol().equals(listener.protocol());
    boolean portChanges =
        !"#{port}".equals(redirect.port())
            && (listener.port() == null
                || !redirect.port().equals(String.valueOf(listener.port())));
    boolean hostChanges = !"#{host}".equals(redirect.host());
    boolean pathChanges = !"/#{path}".equals(redirect.path());
    if (!protocolChanges && !portChanges && !hostChanges && !pathChanges) {
      error(
          path, "must change the protocol, host, port or path; as written it redirects to itself");
    }
    if (protocolChanges
        && "HTTPS".equals(redirect.protocol())
        && "#{port}".equals(redirect.port())) {
      warning(
          path + ".port",
          "switching to HTTPS without a port keeps port "
              + listener.port()
              + " (https://host:"
              + listener.port()
              + "/...); set \"port\": \"443\"");
    }
  }

  private void fixedResponse(String path, FixedResponseAction fixed) {
    if (fixed.statusCode() != null && !FIXED_STATUS.matcher(fixed.statusCode()).matches()) {
      error(
          path + ".statusCode",
          "must be a 2XX, 4XX or 5XX code such as \"503\", got \"" + fixed.statusCode() + "\"");
    }
    if (!CONTENT_TYPES.contains(fixed.contentType())) {
      error(
          path + ".contentType",
          "must be one of text/plain, text/css, text/html, application/javascript, application/json, got \""
              + fixed.contentType()
              + "\"");
    }
    if (fixed.messageBody().length() > 1024) {
      error(
          path + ".messageBody",
          "must be at most 1024 characters, got " + fixed.messageBody().length());
    }
  }
}
