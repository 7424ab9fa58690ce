package io.elbctl.spec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks a bound spec against every AWS limit and elbctl rule before any AWS call. Hard limits are
 * errors; adjustable quotas and legal-but-suspicious input are warnings. Fields that failed to bind
 * are null here and were already reported, so every check tolerates nulls.
 */
public final class SpecValidator {
  static final int MAX_VALUES_PER_CONDITION = 3;
  static final int MAX_SOURCE_IPS_PER_CONDITION = 5;
  static final int MAX_EVALUATIONS_PER_RULE = 5;
  static final int MAX_WILDCARDS_PER_RULE = 5;
  static final int MAX_RULES_PER_LOAD_BALANCER = 100;
  static final int MAX_LISTENERS = 50;
  static final int MAX_VALUE_LENGTH = 128;
  static final int MAX_CERTIFICATE_NAMES_DEFAULT = 10;
  static final int MAX_CERTIFICATE_NAMES = 100;

  private static final Pattern RESOURCE_NAME =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d{1,2}");
  private static final Pattern VPC_ID = Pattern.compile("vpc-[0-9a-f]{8,17}");
  private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");
  private static final Pattern SECURITY_GROUP_ID = Pattern.compile("sg-[0-9a-f]{8,17}");
  private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8}(?:[0-9a-f]{9})?");
  private static final Pattern PATH_CHARS = Pattern.compile("[A-Za-z0-9_\\-.$/~\"'@:+&*?]*");
  private static final Pattern HOST_CHARS = Pattern.compile("[A-Za-z0-9_\\-.*?]*");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~A-Za-z0-9]{1,40}");
  private static final Pattern METHOD = Pattern.compile("[A-Z_-]{1,40}");
  private static final Pattern QUERY_CHARS =
      Pattern.compile("[A-Za-z0-9_\\-.$/~\"'@:+&()!,;=*?\\\\]*");
  private static final Pattern MATCHER_CODE = Pattern.compile("\\d{3}");
  private static final Pattern FIXED_STATUS = Pattern.compile("[245]\\d\\d");
  private static final Pattern UNSUPPORTED_REGEX =
      Pattern.compile("\\(\\?[=!>]|\\(\\?<[=!]|\\\\[1-9]|[*+?}][+]|\\\\[pP]\\{");
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

  private final List<Problem> problems = new ArrayList<>();
  private final Spec spec;

  private SpecValidator(Spec spec) {
    this.spec = spec;
  }

  /** Every problem in the spec: errors and warnings, in document order. */
  public static List<Problem> validate(Spec spec) {
    SpecValidator validator = new SpecValidator(spec);
    validator.run();
    return List.copyOf(validator.problems);
  }

  private void error(String path, String message) {
    problems.add(Problem.error(path, message));
  }

  private void warning(String path, String message) {
    problems.add(Problem.warning(path, message));
  }

  private void run() {
    if (spec.apiVersion() != null && !Spec.API_VERSION.equals(spec.apiVersion())) {
      error(
          "apiVersion", "must be \"" + Spec.API_VERSION + "\", got \"" + spec.apiVersion() + "\"");
    }
    if (spec.name() != null) {
      resourceName("name", spec.name());
    }
    if (spec.region() != null && !REGION.matcher(spec.region()).matches()) {
      error("region", "\"" + spec.region() + "\" is not an AWS region name (e.g. \"us-east-1\")");
    }
    if (spec.domain() != null) {
      domain(spec.domain());
    }
    if (spec.certificate() != null) {
      certificate(spec.certificate());
    }
    network(spec.network());
    targetGroups();
    if (spec.loadBalancer() != null) {
      loadBalancer(spec.loadBalancer());
    }
    coverage();
  }

  // ---- names -------------------------------------------------------------------------------

  private void resourceName(String path, String name) {
    if (name.length() > 32) {
      error(path, "must be at most 32 characters, got " + name.length());
    } else if (!RESOURCE_NAME.matcher(name).matches()) {
      error(
          path,
          "must contain only letters, digits and hyphens, and must not begin or end with a hyphen");
    }
  }

  // ---- domain and certificate --------------------------------------------------------------

  private void domain(Domain domain) {
    String zone = domain.hostedZone();
    boolean zoneValid = false;
    if (zone != null) {
      String why = DnsName.problem(zone, false);
      if (why != null) {
        error("domain.hostedZone", why);
      } else {
        zoneValid = true;
      }
    }
    if (domain.records().isEmpty()) {
      error("domain.records", "must name at least one record, e.g. the hosted zone's apex");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < domain.records().size(); i++) {
      String record = domain.records().get(i);
      String path = "domain.records[" + i + "]";
      String why = DnsName.problem(record, true);
      if (why != null) {
        error(path, why);
        continue;
      }
      if (!seen.add(DnsName.normalize(record))) {
        error(path, "duplicate record \"" + record + "\"");
      }
      if (zoneValid && !DnsName.inZone(record, zone)) {
        error(path, "\"" + record + "\" is not inside the hosted zone " + zone);
      }
    }
  }

  private void certificate(Certificate certificate) {
    List<String> names = new ArrayList<>();
    if (certificate.domainName() != null) {
      names.add(certificate.domainName());
      String why = DnsName.problem(certificate.domainName(), true);
      if (why != null) {
        error("certificate.domainName", why);
      } else if (certificate.domainName().length() > 64) {
        error(
            "certificate.domainName",
            "must be at most 64 characters (it becomes the certificate's common name)");
      }
    }
    Set<String> seen = new HashSet<>();
    if (certificate.domainName() != null) {
      seen.add(DnsName.normalize(certificate.domainName()));
    }
    for (int i = 0; i < certificate.subjectAlternativeNames().size(); i++) {
      String name = certificate.subjectAlternativeNames().get(i);
      String path = "certificate.subjectAlternativeNames[" + i + "]";
      String why = DnsName.problem(name, true);
      if (why != null) {
        error(path, why);
      } else if (!seen.add(DnsName.normalize(name))) {
        warning(path, "\"" + name + "\" is already covered; it is requested once");
      }
      names.add(name);
    }
    if (names.size() > MAX_CERTIFICATE_NAMES) {
      error(
          "certificate.subjectAlternativeNames",
          "a certificate covers at most " + MAX_CERTIFICATE_NAMES + " names, got " + names.size());
    } else if (names.size() > MAX_CERTIFICATE_NAMES_DEFAULT) {
      warning(
          "certificate.subjectAlternativeNames",
          names.size()
              + " names exceed ACM's default quota of "
              + MAX_CERTIFICATE_NAMES_DEFAULT
              + " per certificate; request a quota increase first");
    }
    String zone = spec.domain() == null ? null : spec.domain().hostedZone();
    if (zone != null && DnsName.problem(zone, false) == null) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        if (DnsName.problem(name, true) == null && !DnsName.inZone(name, zone)) {
          String path =
              i == 0 && certificate.domainName() != null
                  ? "certificate.domainName"
                  : "certificate.subjectAlternativeNames["
                      + (i - (certificate.domainName() != null ? 1 : 0))
                      + "]";
          error(
              path,
              "\""
                  + name
                  + "\" is outside the hosted zone "
                  + zone
                  + "; elbctl validates certificates through that zone");
        }
      }
    }
  }

  private void coverage() {
    boolean https =
        spec.loadBalancer() != null
            && spec.loadBalancer().listeners().stream().anyMatch(Listener::https);
    if (!https) {
      if (spec.certificate() != null && spec.loadBalancer() != null) {
        warning("certificate", "is requested but no listener uses HTTPS");
      }
      return;
    }
    if (spec.certificate() == null) {
      error("certificate", "is required because a listener uses HTTPS");
      return;
    }
    if (spec.domain() == null) {
      return;
    }
    List<String> names = spec.certificate().allNames();
    for (int i = 0; i < spec.domain().records().size(); i++) {
      String record = spec.domain().records().get(i);
      if (DnsName.problem(record, true) != null) {
        continue;
      }
      boolean covered = names.stream().anyMatch(name -> DnsName.covers(name, record));
      if (!covered) {
        error(
            "domain.records[" + i + "]",
            "\""
                + record
                + "\" is not covered by the certificate's names "
                + names
                + "; browsers would reject HTTPS for it");
      }
    }
  }

  // ---- network -----------------------------------------------------------------------------

  private void network(Network network) {
    if (!"default".equals(network.vpcId()) && !VPC_ID.matcher(network.vpcId()).matches()) {
      error("network.vpcId", "must be \"default\" or a VPC id such as vpc-0123456789abcdef0");
    }
    ids("network.subnets", network.subnets(), SUBNET_ID, "a subnet id such as subnet-0123abcd");
    if (network.subnets().size() == 1) {
      error(
          "network.subnets",
          "an Application Load Balancer needs subnets in at least 2 availability zones, got 1");
    }
    ids(
        "network.securityGroups",
        network.securityGroups(),
        SECURITY_GROUP_ID,
        "a security group id such as sg-0123abcd");
    if (network.securityGroups().size() > 5) {
      error("network.securityGroups", "a load balancer takes at most 5 security groups");
    }
  }

  private void ids(String path, List<String> values, Pattern pattern, String expected) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (!pattern.matcher(value).matches()) {
        error(path + "[" + i + "]", "\"" + value + "\" is not " + expected);
      } else if (!seen.add(value)) {
        error(path + "[" + i + "]", "duplicate \"" + value + "\"");
      }
    }
  }

  // ---- target groups -----------------------------------------------------------------------

  private void targetGroups() {
    Map<String, Integer> names = new HashMap<>();
    Set<String> used = usedTargetGroups();
    for (int g = 0; g < spec.targetGroups().size(); g++) {
      TargetGroup group = spec.targetGroups().get(g);
      String path = "targetGroups[" + g + "]";
      if (group.name() != null) {
        resourceName(path + ".name", group.name());
        Integer previous = names.putIfAbsent(group.name().toLowerCase(Locale.ROOT), g);
        if (previous != null) {
          error(path + ".name", "duplicate target group name \"" + group.name() + "\"");
        } else if (spec.loadBalancer() != null && !used.contains(group.name())) {
          warning(
              path,
              "target group \""
                  + group.name()
                  + "\" is not used by any listener; its targets"
                  + " stay unused (Target.NotInUse)");
        }
      }
      oneOf(path + ".protocol", group.protocol(), "HTTP", "HTTPS");
      if (group.port() != null) {
        port(path + ".port", group.port());
      }
      oneOf(path + ".targetType", group.targetType(), "instance", "ip");
      healthCheck(path + ".healthCheck", group.healthCheck());
      range(path + ".deregistrationDelaySeconds", group.deregistrationDelaySeconds(), 0, 3600);
      if (group.stickinessSeconds() != null) {
        range(path + ".stickinessSeconds", group.stickinessSeconds(), 1, 604_800);
      }
      targets(path, group);
    }
  }

  private Set<String> usedTargetGroups() {
    Set<String> used = new HashSet<>();
    if (spec.loadBalancer() == null) {
      return used;
    }
    for (Listener listener : spec.loadBalancer().listeners()) {
      collect(listener.defaultAction(), used);
      for (Rule rule : listener.rules()) {
        collect(rule.action(), used);
      }
    }
    return used;
  }

  private static void collect(Action action, Set<String> used) {
    if (action instanceof ForwardAction forward) {
      forward.groups().forEach(g -> used.add(g.name()));
    }
  }

  private void targets(String path, TargetGroup group) {
    Set<String> seen = new HashSet<>();
    for (int t = 0; t < group.targets().size(); t++) {
      Target target = group.targets().get(t);
      String targetPath = path + ".targets[" + t + "]";
      if ("instance".equals(group.targetType())) {
        if (!INSTANCE_ID.matcher(target.id()).matches()) {
          error(
              targetPath + ".id",
              "\""
                  + target.id()
                  + "\" is not an instance id such as i-0123456789abcdef0"
                  + " (use targetType \"ip\" for IP addresses)");
        }
      } else if ("ip".equals(group.targetType())) {
        ipTarget(targetPath + ".id", target.id());
      }
      if (target.port() != null) {
        port(targetPath + ".port", target.port());
      }
      if (group.port() != null && !seen.add(target.id() + ":" + group.portOf(target))) {
        error(targetPath, "duplicate target " + target.id() + ":" + group.portOf(target));
      }
    }
  }

  private void ipTarget(String path, String id) {
    InetAddress address = ipLiteral(id);
    if (address == null) {
      error(path, "\"" + id + "\" is not an IP address");
      return;
    }
    if (address.isLoopbackAddress()) {
      warning(path, id + " is a loopback address: it works with elbctl serve, but AWS rejects it");
    } else if (!address.isSiteLocalAddress()
        && !isSharedAddressSpace(address)
        && !isUniqueLocalV6(address)) {
      error(
          path,
          id
              + " is a public address; ip targets must be private (RFC 1918, RFC 6598 or the VPC's"
              + " own ranges)");
    }
  }

  static InetAddress ipLiteral(String text) {
    boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    boolean v6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
    if (!v4 && !v6) {
      return null;
    }
    if (v4) {
      for (String part : text.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return null;
        }
      }
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static boolean isSharedAddressSpace(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
  }

  private static boolean isUniqueLocalV6(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 16 && (b[0] & 0xfe) == 0xfc;
  }

  private void healthCheck(String path, HealthCheck check) {
    if (check.path().isEmpty() || check.path().length() > 1024) {
      error(path + ".path", "must be 1-1024 characters");
    } else if (!check.path().startsWith("/")) {
      error(path + ".path", "must start with /");
    }
    matcher(path + ".matcher", check.matcher());
    boolean interval = range(path + ".intervalSeconds", check.intervalSeconds(), 5, 300);
    boolean timeout = range(path + ".timeoutSeconds", check.timeoutSeconds(), 2, 120);
    if (interval && timeout && check.timeoutSeconds() >= check.intervalSeconds()) {
      error(
          path + ".timeoutSeconds",
          "must be less than intervalSeconds ("
              + check.intervalSeconds()
              + "), got "
              + check.timeoutSeconds());
    }
    range(path + ".healthyThreshold", check.healthyThreshold(), 2, 10);
    range(path + ".unhealthyThreshold", check.unhealthyThreshold(), 2, 10);
    if (!HealthCheck.TRAFFIC_PORT.equals(check.port())) {
      int port = parsePort(check.port());
      if (port < 0) {
        error(
            path + ".port",
            "must be \"traffic-port\" or a port 1-65535, got \"" + check.port() + "\"");
      }
    }
    if (check.protocol() != null) {
      oneOf(path + ".protocol", check.protocol(), "HTTP", "HTTPS");
    }
  }

  /** Checks an ALB success-code matcher: {@code 200}, {@code 200,202} or {@code 200-299}. */
  private void matcher(String path, String matcher) {
    String[] parts = matcher.split(",", -1);
    boolean list = parts.length > 1;
    boolean anyRange = false;
    for (String part : parts) {
      String[] bounds = part.trim().split("-", -1);
      if (bounds.length > 2
          || !MATCHER_CODE.matcher(bounds[0].trim()).matches()
          || (bounds.length == 2 && !MATCHER_CODE.matcher(bounds[1].trim()).matches())) {
        error(
            path,
            "must be a code, a list or a range of HTTP codes such as \"200\", \"200,202\" or"
                + " \"200-299\", got \""
                + matcher
                + "\"");
        return;
      }
      int low = Integer.parseInt(bounds[0].trim());
      int high = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : low;
      anyRange |= bounds.length == 2;
      if (low < 200 || high > 499) {
        error(path, "codes must be within 200-499, got \"" + matcher + "\"");
        return;
      }
      if (low > high) {
        error(path, "range \"" + part.trim() + "\" must go from low to high");
        return;
      }
    }
    if (list && anyRange) {
      warning(path, "mixes a list and ranges; AWS documents either a list or one range");
    }
  }

  // ---- load balancer and listeners ---------------------------------------------------------

  private void loadBalancer(LoadBalancer lb) {
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
        conditions(rulePath + ".conditions", rule.conditions());
      }
      if (rule.action() != null) {
        action(rulePath + ".action", rule.action(), listener);
      }
    }
  }

  // ---- conditions --------------------------------------------------------------------------

  private void conditions(String path, Conditions c) {
    if (c.isEmpty()) {
      error(
          path,
          "a rule needs at least one condition (the listener's defaultAction handles the rest)");
      return;
    }
    int evaluations = 0;
    int wildcards = 0;
    if (!c.pathPatterns().isEmpty() && !c.pathRegexes().isEmpty()) {
      error(path, "pathPatterns and pathRegexes cannot both be set: a rule has one path condition");
    }
    if (!c.hostHeaders().isEmpty() && !c.hostRegexes().isEmpty()) {
      error(path, "hostHeaders and hostRegexes cannot both be set: a rule has one host condition");
    }
    evaluations += valueCount(path + ".pathPatterns", c.pathPatterns(), MAX_VALUES_PER_CONDITION);
    for (int i = 0; i < c.pathPatterns().size(); i++) {
      wildcards +=
          pathPattern(path + ".pathPatterns[" + i + "]", c.pathPatterns().get(i), c.pathPatterns());
    }
    evaluations += valueCount(path + ".pathRegexes", c.pathRegexes(), MAX_VALUES_PER_CONDITION);
    regexes(path + ".pathRegexes", c.pathRegexes());
    evaluations += valueCount(path + ".hostHeaders", c.hostHeaders(), MAX_VALUES_PER_CONDITION);
    for (int i = 0; i < c.hostHeaders().size(); i++) {
      wildcards += hostHeader(path + ".hostHeaders[" + i + "]", c.hostHeaders().get(i));
    }
    evaluations += valueCount(path + ".hostRegexes", c.hostRegexes(), MAX_VALUES_PER_CONDITION);
    regexes(path + ".hostRegexes", c.hostRegexes());
    for (int h = 0; h < c.httpHeaders().size(); h++) {
      HttpHeaderCondition header = c.httpHeaders().get(h);
      String headerPath = path + ".httpHeaders[" + h + "]";
      if (!HEADER_NAME.matcher(header.name()).matches()) {
        error(
            headerPath + ".name",
            "must be 1-40 characters of a header name (letters, digits, ! # $ % & ' * + - . ^ _ ` | ~), got \""
                + header.name()
                + "\"");
      } else if (header.name().equalsIgnoreCase("host")) {
        error(headerPath + ".name", "Host cannot be an http-header condition; use hostHeaders");
      }
      if (header.values().isEmpty() && header.regexValues().isEmpty()) {
        error(headerPath, "needs values or regexValues");
      } else if (!header.values().isEmpty() && !header.regexValues().isEmpty()) {
        error(headerPath, "values and regexValues cannot both be set");
      }
      evaluations += valueCount(headerPath + ".values", header.values(), MAX_VALUES_PER_CONDITION);
      evaluations +=
          valueCount(headerPath + ".regexValues", header.regexValues(), MAX_VALUES_PER_CONDITION);
      for (int i = 0; i < header.values().size(); i++) {
        String value = header.values().get(i);
        lengthAndVisible(headerPath + ".values[" + i + "]", value);
        wildcards += countWildcards(value, false);
      }
      regexes(headerPath + ".regexValues", header.regexValues());
    }
    evaluations += valueCount(path + ".queryStrings", c.queryStrings(), MAX_VALUES_PER_CONDITION);
    for (int q = 0; q < c.queryStrings().size(); q++) {
      QueryStringCondition pair = c.queryStrings().get(q);
      String pairPath = path + ".queryStrings[" + q + "]";
      if (pair.key() != null) {
        queryValue(pairPath + ".key", pair.key());
        wildcards += countWildcards(pair.key(), true);
      }
      queryValue(pairPath + ".value", pair.value());
      wildcards += countWildcards(pair.value(), true);
    }
    evaluations += valueCount(path + ".methods", c.methods(), MAX_VALUES_PER_CONDITION);
    for (int i = 0; i < c.methods().size(); i++) {
      String method = c.methods().get(i);
      if (!METHOD.matcher(method).matches()) {
        error(
            path + ".methods[" + i + "]",
            "must be 1-40 characters of A-Z, - and _ (methods are case-sensitive), got \""
                + method
                + "\"");
      }
    }
    if (c.methods().contains("GET") && !c.methods().contains("HEAD")) {
      warning(path + ".methods", "routes GET but not HEAD; AWS advises routing both alike");
    }
    evaluations += valueCount(path + ".sourceIps", c.sourceIps(), MAX_SOURCE_IPS_PER_CONDITION);
    for (int i = 0; i < c.sourceIps().size(); i++) {
      String cidr = c.sourceIps().get(i);
      if (!isCidr(cidr)) {
        error(
            path + ".sourceIps[" + i + "]",
            "\"" + cidr + "\" is not a CIDR block such as 203.0.113.0/24 or 2001:db8::/32");
      }
    }
    if (evaluations > MAX_EVALUATIONS_PER_RULE) {
      error(
          path,
          "a rule allows at most "
              + MAX_EVALUATIONS_PER_RULE
              + " condition values in all, got "
              + evaluations);
    }
    if (wildcards > MAX_WILDCARDS_PER_RULE) {
      error(
          path,
          "a rule allows at most "
              + MAX_WILDCARDS_PER_RULE
              + " wildcards (* and ?) in all, got "
              + wildcards);
    }
  }

  private int valueCount(String path, List<?> values, int max) {
    if (values.size() > max) {
      error(path, "a condition allows at most " + max + " values, got " + values.size());
    }
    Set<Object> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      if (!seen.add(values.get(i))) {
        warning(path + "[" + i + "]", "duplicate value " + values.get(i));
      }
    }
    return values.size();
  }

  private int pathPattern(String path, String pattern, List<String> siblings) {
    if (!lengthAndVisible(path, pattern)) {
      return 0;
    }
    if (!PATH_CHARS.matcher(pattern).matches()) {
      error(
          path,
          "\""
              + pattern
              + "\" has characters a path pattern cannot hold (allowed: A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & * ?); use pathRegexes");
      return countWildcards(pattern, false);
    }
    if (!pattern.startsWith("/") && !pattern.startsWith("*") && !pattern.startsWith("?")) {
      warning(path, "\"" + pattern + "\" does not start with / and can never match a request path");
    }
    if (pattern.contains("**")) {
      warning(
          path,
          "\""
              + pattern
              + "\": ALB has no globstar; ** is two * (each already spans /) and costs two wildcards");
    }
    if (pattern.endsWith("/*") && pattern.length() > 2) {
      String bare = pattern.substring(0, pattern.length() - 2);
      if (!bare.contains("*") && !bare.contains("?") && !siblings.contains(bare)) {
        warning(
            path,
            "\""
                + pattern
                + "\" does not match \""
                + bare
                + "\" itself; add \""
                + bare
                + "\" if that path belongs here too");
      }
    }
    return countWildcards(pattern, false);
  }

  private int hostHeader(String path, String host) {
    if (!lengthAndVisible(path, host)) {
      return 0;
    }
    if (host.contains(":")) {
      error(
          path,
          "\"" + host + "\" cannot hold a port; use hostRegexes such as \"^example\\.com:8443$\"");
    } else if (!HOST_CHARS.matcher(host).matches()) {
      error(path, "\"" + host + "\" may hold only letters, digits, - . _ and the wildcards * ?");
    } else if (host.endsWith(".")) {
      error(path, "\"" + host + "\" must not end with a dot");
    } else {
      int dot = host.lastIndexOf('.');
      if (dot < 0 || !host.substring(dot + 1).matches("[A-Za-z*?]+")) {
        error(path, "\"" + host + "\" must contain a dot and end in letters (no IP addresses)");
      }
    }
    return countWildcards(host, false);
  }

  private void queryValue(String path, String value) {
    if (lengthAndVisible(path, value) && !QUERY_CHARS.matcher(value).matches()) {
      error(
          path,
          "\""
              + value
              + "\" has characters a query-string condition cannot hold (allowed: letters, digits, _-.$/~\"'@:+&()!,;= and * ?)");
    }
  }

  private boolean lengthAndVisible(String path, String value) {
    if (value.isEmpty()) {
      error(path, "must not be empty");
      return false;
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      error(path, "must be at most " + MAX_VALUE_LENGTH + " characters, got " + value.length());
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch < 0x20 || ch > 0x7e) {
        error(path, "must hold only visible ASCII characters");
        return false;
      }
    }
    return true;
  }

  static int countWildcards(String value, boolean escapes) {
    int count = 0;
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (escapes && ch == '\\' && i + 1 < value.length()) {
        i++;
      } else if (ch == '*' || ch == '?') {
        count++;
      }
    }
    return count;
  }

  private void regexes(String path, List<String> regexes) {
    for (int i = 0; i < regexes.size(); i++) {
      String regex = regexes.get(i);
      String regexPath = path + "[" + i + "]";
      if (!lengthAndVisible(regexPath, regex)) {
        continue;
      }
      if (UNSUPPORTED_REGEX.matcher(regex).find()) {
        error(
            regexPath,
            "\""
                + regex
                + "\" uses a feature ALB regexes lack (lookaround, backreferences, atomic or possessive groups, Unicode classes)");
        continue;
      }
      try {
        Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        error(
            regexPath,
            "\"" + regex + "\" is not a valid regular expression: " + e.getDescription());
      }
    }
  }

  static boolean isCidr(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || slash == text.length() - 1) {
      return false;
    }
    InetAddress address = ipLiteral(text.substring(0, slash));
    if (address == null || !text.substring(slash + 1).matches("\\d{1,3}")) {
      return false;
    }
    int prefix = Integer.parseInt(text.substring(slash + 1));
    return prefix <= address.getAddress().length * 8;
  }

  // ---- actions -----------------------------------------------------------------------------

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

  // ---- small checks ------------------------------------------------------------------------

  private void oneOf(String path, String value, String... allowed) {
    if (value == null) {
      return;
    }
    for (String candidate : allowed) {
      if (candidate.equals(value)) {
        return;
      }
    }
    String suggestion = "";
    for (String candidate : allowed) {
      if (candidate.equalsIgnoreCase(value)) {
        suggestion = " (did you mean \"" + candidate + "\"?)";
      }
    }
    error(
        path,
        "must be one of " + String.join(", ", allowed) + ", got \"" + value + "\"" + suggestion);
  }

  private boolean range(String path, Integer value, int low, int high) {
    if (value == null) {
      return false;
    }
    if (value < low || value > high) {
      error(path, "must be " + low + "-" + high + ", got " + value);
      return false;
    }
    return true;
  }

  private void port(String path, int port) {
    range(path, port, 1, 65_535);
  }

  private static int parsePort(String text) {
    if (text == null || !text.matches("\\d{1,5}")) {
      return -1;
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65_535 ? port : -1;
  }
}
