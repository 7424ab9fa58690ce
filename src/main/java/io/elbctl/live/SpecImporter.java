package io.elbctl.live;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.live.LiveAlb.LiveAction;
import io.elbctl.live.LiveAlb.LiveCertificate;
import io.elbctl.live.LiveAlb.LiveListener;
import io.elbctl.live.LiveAlb.LiveRule;
import io.elbctl.live.LiveAlb.LiveTargetGroup;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.plan.Inventory.TargetGroupState;
import io.elbctl.spec.Action;
import io.elbctl.spec.Authenticate;
import io.elbctl.spec.Certificate;
import io.elbctl.spec.Domain;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.Listener;
import io.elbctl.spec.LoadBalancer;
import io.elbctl.spec.Network;
import io.elbctl.spec.Problem;
import io.elbctl.spec.Rule;
import io.elbctl.spec.SecretReference;
import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecValidator;
import io.elbctl.spec.TargetGroup;
import io.elbctl.spec.WeightedTargetGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns a {@link LiveAlb} into the spec that describes it, one method per spec section, and lists
 * as {@link ImportWarning}s whatever the spec cannot express; pure, no AWS calls.
 */
public final class SpecImporter {
  private final LiveAlb live;
  private final boolean needRecords;
  private final List<ImportWarning> warnings = new ArrayList<>();

  private SpecImporter(LiveAlb live, boolean needRecords) {
    this.live = live;
    this.needRecords = needRecords;
  }

  /** The spec and its warnings; the spec is partial exactly when there are warnings. */
  public record Imported(Spec spec, List<ImportWarning> warnings) {
    public Imported {
      warnings = List.copyOf(warnings);
    }

    public List<String> notes() {
      return warnings.stream().map(ImportWarning::describe).toList();
    }
  }

  /** Converts the live load balancer; fails with one sentence when no alias record names it. */
  public static Imported convert(LiveAlb live) {
    return convert(live, true);
  }

  /**
   * Converts the load balancer for routing alone: without alias records the domain has none, so the
   * spec routes but would not validate.
   */
  public static Imported forRouting(LiveAlb live) {
    return convert(live, false);
  }

  private static Imported convert(LiveAlb live, boolean needRecords) {
    SpecImporter importer = new SpecImporter(live, needRecords);
    LoadBalancer loadBalancer = importer.loadBalancer();
    Spec spec =
        new Spec(
            Spec.API_VERSION,
            live.loadBalancer().name(),
            live.region(),
            importer.domain(),
            importer.certificate(),
            importer.network(),
            importer.targetGroups(loadBalancer),
            loadBalancer);
    if (needRecords) {
      List<String> errors =
          SpecValidator.validate(spec).stream()
              .filter(Problem::isError)
              .map(Problem::describe)
              .toList();
      if (!errors.isEmpty()) {
        throw new ElbctlException(
            ExitCode.ERROR,
            "the load balancer makes a spec that does not validate: " + String.join("; ", errors));
      }
    }
    return new Imported(spec, importer.warnings);
  }

  private void warn(String place, String message) {
    warnings.add(new ImportWarning(place, message));
  }

  // ---------------------------------------------------------------- domain

  private Domain domain() {
    if (!needRecords && (live.zone() == null || live.aliases().isEmpty())) {
      return new Domain(live.zone() == null ? null : recordName(live.zone().name()), List.of());
    }
    if (live.zone() == null || live.aliases().isEmpty()) {
      throw new ElbctlException(
          ExitCode.ERROR,
          "no Route 53 alias record points at the load balancer "
              + live.loadBalancer().name()
              + (live.zone() == null
                  ? " in a hosted zone of its certificate's names; name the zone with --hosted-zone"
                  : " in the hosted zone " + live.zone().name())
              + " (a spec needs at least one record name)");
    }
    Set<String> names = new LinkedHashSet<>();
    for (RecordSet alias : live.aliases()) {
      names.add(recordName(alias.name()));
      if (alias.type().equals("AAAA") && !live.loadBalancer().ipAddressType().startsWith("dual")) {
        warn("domain.records", "AAAA alias " + alias.name() + " to an IPv4-only load balancer");
      }
    }
    return new Domain(recordName(live.zone().name()), List.copyOf(names));
  }

  /** Route 53 writes names lower case with a trailing dot and a wildcard as {@code \052}. */
  private static String recordName(String name) {
    String plain = name.replace("\\052", "*").toLowerCase(Locale.ROOT);
    return plain.endsWith(".") ? plain.substring(0, plain.length() - 1) : plain;
  }

  // ---------------------------------------------------------------- certificate

  private Certificate certificate() {
    LiveListener https =
        live.listeners().stream()
            .filter(l -> l.defaultCertificateArn() != null)
            .findFirst()
            .orElse(null);
    if (https == null) {
      return null;
    }
    for (LiveListener other : live.listeners()) {
      String arn = other.defaultCertificateArn();
      if (arn != null && !arn.equals(https.defaultCertificateArn())) {
        warn(
            place(other) + ".certificate",
            "serves " + arn + "; the spec has one certificate, that of listener " + https.port());
      }
    }
    LiveCertificate served = live.certificate(https.defaultCertificateArn()).orElse(null);
    if (served == null) {
      warn(
          place(https) + ".certificate",
          https.defaultCertificateArn() + " is not an ACM certificate of this region");
      return null;
    }
    return certificate(served);
  }

  private static Certificate certificate(LiveCertificate served) {
    List<String> alternatives = new ArrayList<>(served.subjectAlternativeNames());
    alternatives.removeIf(n -> n.equalsIgnoreCase(served.domainName()));
    return new Certificate(served.domainName(), alternatives);
  }

  // ---------------------------------------------------------------- network

  private Network network() {
    LoadBalancerState lb = live.loadBalancer();
    return new Network(live.vpcId(), lb.subnets(), lb.securityGroups());
  }

  // ---------------------------------------------------------------- target groups

  private List<TargetGroup> targetGroups(LoadBalancer loadBalancer) {
    Set<String> used =
        new Spec(null, null, null, null, null, null, null, loadBalancer).groupsInUse();
    List<TargetGroup> groups = new ArrayList<>();
    for (LiveTargetGroup live : this.live.targetGroups()) {
      if (used.contains(live.group().name())) {
        groups.add(targetGroup(live));
      }
    }
    return groups;
  }

  private TargetGroup targetGroup(LiveTargetGroup live) {
    TargetGroupState g = live.group();
    String place = "targetGroups[" + g.name() + "]";
    if (live.protocolVersion() != null && !live.protocolVersion().equals("HTTP1")) {
      warn(place + ".protocolVersion", live.protocolVersion() + "; the spec's groups use HTTP1");
    }
    targetGroupAttributes(place, live.attributes());
    // The reader marks weighted_random with anomaly mitigation on, which the spec cannot ask for.
    String algorithm = g.algorithm();
    int note = algorithm.indexOf(" (");
    if (note > 0) {
      warn(
          place + ".attributes.load_balancing.algorithm.anomaly_mitigation",
          "on; the spec provisions weighted_random with it off");
      algorithm = algorithm.substring(0, note);
    }
    return new TargetGroup(
        g.name(),
        g.protocol(),
        g.port(),
        g.targetType(),
        g.healthCheck(),
        g.deregistrationDelaySeconds(),
        g.stickinessSeconds(),
        g.stickinessType(),
        g.stickinessCookieName(),
        algorithm,
        g.slowStartSeconds(),
        g.targets());
  }

  private void targetGroupAttributes(String place, Map<String, String> attributes) {
    unexpressed(
        place, attributes, AttributeDefaults.TARGET_GROUP_IN_SPEC, AttributeDefaults.TARGET_GROUP);
  }

  private void unexpressed(
      String place,
      Map<String, String> attributes,
      Set<String> inSpec,
      Map<String, String> defaults) {
    for (Map.Entry<String, String> attribute : new TreeMap<>(attributes).entrySet()) {
      String key = attribute.getKey();
      if (inSpec.contains(key)
          || AttributeDefaults.isDefault(defaults, key, attribute.getValue())) {
        continue;
      }
      warn(
          place + ".attributes." + key,
          attribute.getValue()
              + (defaults.containsKey(key) ? " (AWS default " + defaults.get(key) + ")" : "")
              + " is not expressed by the spec");
    }
  }

  // ---------------------------------------------------------------- load balancer

  private LoadBalancer loadBalancer() {
    LoadBalancerState lb = live.loadBalancer();
    unexpressed(
        "loadBalancer",
        live.attributes(),
        AttributeDefaults.LOAD_BALANCER_IN_SPEC,
        AttributeDefaults.LOAD_BALANCER);
    List<Listener> listeners = new ArrayList<>();
    for (LiveListener listener : live.listeners()) {
      Listener converted = listener(listener);
      if (converted != null) {
        listeners.add(converted);
      }
    }
    listeners.sort(Comparator.comparing(Listener::port));
    return new LoadBalancer(
        lb.name(),
        lb.scheme(),
        lb.ipAddressType(),
        lb.idleTimeoutSeconds(),
        lb.desyncMitigationMode(),
        lb.dropInvalidHeaderFields(),
        listeners);
  }

  // ---------------------------------------------------------------- listeners

  private Listener listener(LiveListener listener) {
    String place = place(listener);
    if (!List.of("HTTP", "HTTPS").contains(listener.protocol())) {
      warn(place, listener.protocol() + " listener left out; the spec has HTTP and HTTPS ones");
      return null;
    }
    List<Certificate> certificates = extraCertificates(place, listener);
    String mtls = listener.mutualAuthentication();
    if (mtls != null && !mtls.equals("off")) {
      warn(place + ".mutualAuthentication", "mode " + mtls + " left out");
    }
    Action defaultAction = action(place + ".defaultActions", listener.defaultActions(), false);
    if (defaultAction == null) {
      warn(place, "left out: its default action has no forward, redirect or fixed-response");
      return null;
    }
    List<Rule> rules = new ArrayList<>();
    for (LiveRule rule : listener.rules()) {
      Rule converted = rule(place, listener, rule);
      if (converted != null) {
        rules.add(converted);
      }
    }
    rules.sort(Comparator.comparing(Rule::priority));
    // moto reports an SSL policy on HTTP listeners too; AWS leaves it out.
    String sslPolicy = listener.protocol().equals("HTTPS") ? listener.sslPolicy() : null;
    return new Listener(
        listener.port(), listener.protocol(), sslPolicy, certificates, defaultAction, null, rules);
  }

  /**
   * The SNI certificates besides the default, as the spec names them; one that is not an ACM
   * certificate of this region, or names what another of the listener names, is left out.
   */
  private List<Certificate> extraCertificates(String place, LiveListener listener) {
    Set<Set<String>> seen = new HashSet<>();
    live.certificate(listener.defaultCertificateArn())
        .ifPresent(c -> seen.add(certificate(c).nameSet()));
    List<Certificate> certificates = new ArrayList<>();
    for (String arn : listener.extraCertificateArns()) {
      LiveCertificate served = live.certificate(arn).orElse(null);
      if (served == null) {
        warn(
            place + ".certificates",
            "extra certificate "
                + arn
                + " (SNI) left out: not an ACM"
                + " certificate of this region");
      } else if (!seen.add(certificate(served).nameSet())) {
        warn(
            place + ".certificates",
            "extra certificate "
                + arn
                + " (SNI) left out: it names"
                + " the same names as another certificate of the listener");
      } else {
        certificates.add(certificate(served));
      }
    }
    return certificates;
  }

  private static String place(LiveListener listener) {
    return "listeners[" + listener.port() + "]";
  }

  // ---------------------------------------------------------------- rules

  private Rule rule(String listenerPlace, LiveListener listener, LiveRule rule) {
    String place = listenerPlace + ".rules[priority " + rule.priority() + "]";
    long queryStrings = rule.conditionFields().stream().filter("query-string"::equals).count();
    if (queryStrings > 1) {
      warn(
          place + ".conditions",
          queryStrings + " query-string conditions (all must match) merged into one (any matches)");
    }
    for (int i = 0; i < rule.conditionFields().size(); i++) {
      String field = rule.conditionFields().get(i);
      if (!CONDITION_FIELDS.contains(field)) {
        warn(place + ".conditions[" + i + "]", field + " condition left out");
      }
    }
    Authenticate authenticate =
        listener.protocol().equals("HTTPS") ? authenticate(place, rule) : null;
    Action action = action(place + ".actions", rule.actions(), authenticate != null);
    if (action == null) {
      warn(place, "left out: it has no forward, redirect or fixed-response action");
      return null;
    }
    return new Rule(rule.priority(), rule.conditions(), rule.transforms(), authenticate, action);
  }

  /** The environment variable an imported OIDC action names for its client secret. */
  public static final String CLIENT_SECRET_ENV = "OIDC_CLIENT_SECRET";

  /**
   * The rule's first authenticate action; AWS never returns an OIDC client secret, so the spec
   * names {@link #CLIENT_SECRET_ENV} for it and a warning says the variable must hold it.
   */
  private Authenticate authenticate(String place, LiveRule rule) {
    Authenticate live =
        rule.actions().stream()
            .sorted(Comparator.comparing(LiveAction::order))
            .map(LiveAction::authenticate)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    if (live == null || !live.oidc()) {
      return live;
    }
    warn(
        place + ".authenticate.clientSecret",
        "AWS does not return the client secret; "
            + CLIENT_SECRET_ENV
            + " must hold it before apply");
    return new Authenticate(
        live.type(),
        live.issuer(),
        live.authorizationEndpoint(),
        live.tokenEndpoint(),
        live.userInfoEndpoint(),
        live.clientId(),
        new SecretReference(CLIENT_SECRET_ENV, null),
        null,
        null,
        null,
        live.onUnauthenticatedRequest(),
        live.scope(),
        live.sessionCookieName(),
        live.sessionTimeoutSeconds());
  }

  private static final List<String> CONDITION_FIELDS =
      List.of(
          "path-pattern",
          "host-header",
          "http-header",
          "query-string",
          "http-request-method",
          "source-ip");

  // ---------------------------------------------------------------- actions

  /**
   * The terminal action in the spec's terms; every other action becomes a warning, except the first
   * authenticate action when the rule's {@code authenticate} holds it.
   */
  private Action action(String place, List<LiveAction> actions, boolean authenticateImported) {
    List<LiveAction> ordered = new ArrayList<>(actions);
    ordered.sort(Comparator.comparing(LiveAction::order));
    Action terminal = null;
    boolean authenticateKept = !authenticateImported;
    for (int i = 0; i < ordered.size(); i++) {
      LiveAction action = ordered.get(i);
      if (action.authenticate() != null && !authenticateKept) {
        authenticateKept = true;
      } else if (action.action() == null) {
        warn(place + "[" + i + "]", action.type() + " action left out");
      } else {
        terminal = action.action();
      }
    }
    if (terminal instanceof ForwardAction forward) {
      for (WeightedTargetGroup group : forward.groups()) {
        if (live.targetGroup(group.name()).isEmpty()) {
          warn(place, "forwards to " + group.name() + ", which was not read");
        }
      }
    }
    return terminal;
  }
}
