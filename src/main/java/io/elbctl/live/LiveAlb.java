package io.elbctl.live;

import io.elbctl.plan.Inventory.HostedZone;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.plan.Inventory.TargetGroupState;
import io.elbctl.spec.Action;
import io.elbctl.spec.Authenticate;
import io.elbctl.spec.Conditions;
import io.elbctl.spec.Target;
import io.elbctl.spec.Transforms;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A load balancer as it runs, read with read-only calls and free of SDK types: everything {@code
 * import}, {@code status} and {@code simulate --live} decide from, including what a spec cannot
 * express (raw attributes, actions of other types).
 */
public record LiveAlb(
    String region,
    LoadBalancerState loadBalancer,
    String vpcId,
    Map<String, String> attributes,
    List<LiveListener> listeners,
    List<LiveTargetGroup> targetGroups,
    List<LiveCertificate> certificates,
    HostedZone zone,
    List<RecordSet> aliases) {

  public LiveAlb {
    attributes = Map.copyOf(attributes);
    listeners = List.copyOf(listeners);
    targetGroups = List.copyOf(targetGroups);
    certificates = List.copyOf(certificates);
    aliases = List.copyOf(aliases);
  }

  /** The certificate with this ARN, if it was read. */
  public Optional<LiveCertificate> certificate(String arn) {
    return certificates.stream().filter(c -> c.arn().equals(arn)).findFirst();
  }

  /** The target group with this name, if the load balancer uses it. */
  public Optional<LiveTargetGroup> targetGroup(String name) {
    return targetGroups.stream().filter(g -> g.group().name().equals(name)).findFirst();
  }

  /** A listener; {@code defaultCertificateArn} only for HTTPS. */
  public record LiveListener(
      String arn,
      int port,
      String protocol,
      String sslPolicy,
      String defaultCertificateArn,
      List<String> extraCertificateArns,
      String mutualAuthentication,
      List<LiveAction> defaultActions,
      List<LiveRule> rules) {
    public LiveListener {
      extraCertificateArns = List.copyOf(extraCertificateArns);
      defaultActions = List.copyOf(defaultActions);
      rules = List.copyOf(rules);
    }
  }

  /**
   * A non-default rule: the field of each live condition in order, the conditions as the spec reads
   * them, its actions and its transforms.
   */
  public record LiveRule(
      String arn,
      int priority,
      List<String> conditionFields,
      Conditions conditions,
      List<LiveAction> actions,
      Transforms transforms) {
    public LiveRule {
      conditionFields = List.copyOf(conditionFields);
      actions = List.copyOf(actions);
      transforms = transforms == null ? Transforms.NONE : transforms;
    }
  }

  /**
   * One action of a rule or a listener default: its type and order, the spec's action when the type
   * is one the spec has, and for authenticate-oidc and authenticate-cognito the spec's {@code
   * authenticate} without its client secret (both null for other types).
   */
  public record LiveAction(String type, int order, Action action, Authenticate authenticate) {
    /** An action that is not an authenticate action. */
    public LiveAction(String type, int order, Action action) {
      this(type, order, action, null);
    }
  }

  /** A target group, its raw attributes and the health of every registered target. */
  public record LiveTargetGroup(
      TargetGroupState group,
      String protocolVersion,
      Map<String, String> attributes,
      List<TargetHealthState> health) {
    public LiveTargetGroup {
      attributes = Map.copyOf(attributes);
      health = List.copyOf(health);
    }
  }

  /** DescribeTargetHealth's answer for one target; reason and description may be null. */
  public record TargetHealthState(Target target, String state, String reason, String description) {
    public boolean healthy() {
      return "healthy".equals(state);
    }
  }

  /** An ACM certificate a listener serves; {@code notAfter} is null until it is issued. */
  public record LiveCertificate(
      String arn,
      String domainName,
      List<String> subjectAlternativeNames,
      String status,
      Instant notAfter,
      String renewalEligibility) {
    public LiveCertificate {
      subjectAlternativeNames = List.copyOf(subjectAlternativeNames);
    }
  }
}
