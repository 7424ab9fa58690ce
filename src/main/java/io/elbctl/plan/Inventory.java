package io.elbctl.plan;

import io.elbctl.spec.Action;
import io.elbctl.spec.Conditions;
import io.elbctl.spec.HealthCheck;
import io.elbctl.spec.Spec;
import io.elbctl.spec.Target;
import io.elbctl.spec.Transforms;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What exists in AWS for one spec, read in one pass and free of SDK types, so the planner can
 * compare it with the spec as plain values. Null members mean "not found" or "not read".
 */
public record Inventory(
    HostedZone zone,
    List<RecordSet> records,
    List<CertificateState> certificates,
    NetworkState network,
    LoadBalancerState loadBalancer,
    List<ListenerState> listeners,
    List<TargetGroupState> targetGroups) {

  public Inventory {
    records = List.copyOf(records);
    certificates = List.copyOf(certificates);
    listeners = List.copyOf(listeners);
    targetGroups = List.copyOf(targetGroups);
  }

  /** An account with nothing in it but, optionally, the hosted zone. */
  public static Inventory empty(HostedZone zone) {
    return new Inventory(zone, List.of(), List.of(), null, null, List.of(), List.of());
  }

  public Optional<HostedZone> hostedZone() {
    return Optional.ofNullable(zone);
  }

  public Optional<LoadBalancerState> lb() {
    return Optional.ofNullable(loadBalancer);
  }

  public Optional<ListenerState> listener(int port) {
    return listeners.stream().filter(l -> l.port() == port).findFirst();
  }

  /**
   * The certificate the spec keeps using: one that covers exactly its names, is ISSUED or pending,
   * and is either tagged for the spec or already served by its listener; issued ones first.
   */
  public Optional<CertificateState> certificateFor(Spec spec) {
    if (spec.certificate() == null) {
      return Optional.empty();
    }
    return certificateFor(spec, spec.certificate());
  }

  /** As {@link #certificateFor(Spec)}, for any certificate of the spec (an SNI one too). */
  public Optional<CertificateState> certificateFor(
      Spec spec, io.elbctl.spec.Certificate certificate) {
    Set<String> wanted = new HashSet<>(lower(certificate.allNames()));
    return certificates.stream()
        .filter(c -> new HashSet<>(lower(c.names())).equals(wanted))
        .filter(c -> c.status().equals("ISSUED") || c.status().equals("PENDING_VALIDATION"))
        .filter(c -> c.owned() || c.servedByListener())
        .min(
            Comparator.comparing((CertificateState c) -> !c.servedByListener())
                .thenComparing(c -> !c.status().equals("ISSUED")));
  }

  private static List<String> lower(List<String> names) {
    return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
  }

  public Optional<TargetGroupState> targetGroup(String name) {
    return targetGroups.stream().filter(g -> g.name().equals(name)).findFirst();
  }

  /** The target group name for an ARN, or the ARN itself when the group is not in the spec. */
  public String groupName(String arn) {
    return targetGroups.stream()
        .filter(g -> g.arn().equals(arn))
        .map(TargetGroupState::name)
        .findFirst()
        .orElse(arn);
  }

  /** A public or private Route 53 hosted zone; {@code id} has no "/hostedzone/" prefix. */
  public record HostedZone(String id, String name, boolean privateZone) {}

  /**
   * A record set of the hosted zone: an alias (aliasDnsName set) or plain values; names are lower
   * case with a trailing dot. {@code ttl} and {@code evaluateTargetHealth} are kept because a Route
   * 53 DELETE must repeat the record exactly.
   */
  public record RecordSet(
      String name,
      String type,
      String aliasDnsName,
      String aliasZoneId,
      List<String> values,
      Long ttl,
      boolean evaluateTargetHealth) {
    public RecordSet {
      values = List.copyOf(values);
    }

    public RecordSet(
        String name, String type, String aliasDnsName, String aliasZoneId, List<String> values) {
      this(name, type, aliasDnsName, aliasZoneId, values, aliasDnsName == null ? 300L : null, true);
    }
  }

  /** A DNS record that ACM asks for to prove control of a domain. */
  public record ValidationRecord(String name, String type, String value) {}

  /** An ACM certificate that could serve the spec's names. */
  public record CertificateState(
      String arn,
      String status,
      List<String> names,
      boolean owned,
      boolean servedByListener,
      List<ValidationRecord> validationRecords) {
    public CertificateState {
      names = List.copyOf(names);
      validationRecords = List.copyOf(validationRecords);
    }
  }

  /** The VPC resolved from the spec, its candidate subnets and elbctl's security group. */
  public record NetworkState(String vpcId, List<Subnet> subnets, SecurityGroupState securityGroup) {
    public NetworkState {
      subnets = List.copyOf(subnets);
    }
  }

  /** A subnet and its availability zone. */
  public record Subnet(String id, String availabilityZone) {}

  /** A security group found under the name elbctl gives the one it creates. */
  public record SecurityGroupState(String id, String name, Map<String, String> tags) {
    public SecurityGroupState {
      tags = Map.copyOf(tags);
    }
  }

  /** The load balancer with the spec's name. */
  public record LoadBalancerState(
      String arn,
      String name,
      String dnsName,
      String canonicalHostedZoneId,
      String state,
      String scheme,
      String ipAddressType,
      List<String> subnets,
      List<String> securityGroups,
      Integer idleTimeoutSeconds,
      String desyncMitigationMode,
      Boolean dropInvalidHeaderFields,
      Map<String, String> tags) {
    public LoadBalancerState {
      subnets = List.copyOf(subnets);
      securityGroups = List.copyOf(securityGroups);
      tags = Map.copyOf(tags);
    }
  }

  /**
   * A listener of the load balancer, with its non-default rules; {@code extraCertificateArns} are
   * the SNI certificates besides the default, null when they were not read (the spec gives the
   * listener none).
   */
  public record ListenerState(
      String arn,
      int port,
      String protocol,
      String sslPolicy,
      String certificateArn,
      List<String> extraCertificateArns,
      Action defaultAction,
      Map<String, String> tags,
      List<RuleState> rules) {
    public ListenerState {
      extraCertificateArns =
          extraCertificateArns == null ? null : List.copyOf(extraCertificateArns);
      tags = Map.copyOf(tags);
      rules = List.copyOf(rules);
    }

    /** A listener whose extra certificates were not read. */
    public ListenerState(
        String arn,
        int port,
        String protocol,
        String sslPolicy,
        String certificateArn,
        Action defaultAction,
        Map<String, String> tags,
        List<RuleState> rules) {
      this(arn, port, protocol, sslPolicy, certificateArn, null, defaultAction, tags, rules);
    }
  }

  /** A non-default listener rule, with target group ARNs already turned into names. */
  public record RuleState(
      String arn,
      int priority,
      Conditions conditions,
      Transforms transforms,
      io.elbctl.spec.Authenticate authenticate,
      Action action,
      Map<String, String> tags) {
    public RuleState {
      transforms = transforms == null ? Transforms.NONE : transforms;
      tags = Map.copyOf(tags);
    }

    /** A rule without transforms or authentication. */
    public RuleState(
        String arn, int priority, Conditions conditions, Action action, Map<String, String> tags) {
      this(arn, priority, conditions, Transforms.NONE, null, action, tags);
    }

    /** A rule without authentication. */
    public RuleState(
        String arn,
        int priority,
        Conditions conditions,
        Transforms transforms,
        Action action,
        Map<String, String> tags) {
      this(arn, priority, conditions, transforms, null, action, tags);
    }
  }

  /**
   * A target group, its health check, attributes and registered (not draining) targets. The
   * algorithm reads {@code weighted_random (anomaly mitigation on)} when that attribute is on, so
   * it differs from every spec and is repaired.
   */
  public record TargetGroupState(
      String arn,
      String name,
      String protocol,
      int port,
      String targetType,
      String vpcId,
      HealthCheck healthCheck,
      Integer deregistrationDelaySeconds,
      Integer stickinessSeconds,
      String stickinessType,
      String stickinessCookieName,
      String algorithm,
      int slowStartSeconds,
      List<Target> targets,
      Map<String, String> tags) {
    public TargetGroupState {
      targets = List.copyOf(targets);
      tags = Map.copyOf(tags);
    }
  }
}
