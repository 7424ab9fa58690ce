package io.elbctl.aws;

import io.elbctl.spec.HealthCheck;
import io.elbctl.spec.Target;
import io.elbctl.spec.TargetGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;

/** Every ELBv2 write on target groups: the group, its health check, attributes and targets. */
final class TargetGroupWriter {
  private final AwsClients clients;
  private final AwsErrors errors;

  TargetGroupWriter(AwsClients clients, AwsErrors errors) {
    this.clients = clients;
    this.errors = errors;
  }

  String create(TargetGroup group, String vpcId, Map<String, String> tags) {
    ModifyTargetGroupRequest h = healthCheck(group);
    return errors.call(
        () ->
            clients
                .elb()
                .createTargetGroup(
                    r ->
                        r.name(group.name())
                            .protocol(group.protocol())
                            .port(group.port())
                            .targetType(group.targetType())
                            .vpcId(vpcId)
                            .healthCheckEnabled(true)
                            .healthCheckProtocol(h.healthCheckProtocolAsString())
                            .healthCheckPort(h.healthCheckPort())
                            .healthCheckPath(h.healthCheckPath())
                            .healthCheckIntervalSeconds(h.healthCheckIntervalSeconds())
                            .healthCheckTimeoutSeconds(h.healthCheckTimeoutSeconds())
                            .healthyThresholdCount(h.healthyThresholdCount())
                            .unhealthyThresholdCount(h.unhealthyThresholdCount())
                            .matcher(h.matcher())
                            .tags(AwsTags.elb(tags)))
                .targetGroups()
                .get(0)
                .targetGroupArn());
  }

  void modifyHealthCheck(String arn, TargetGroup group) {
    ModifyTargetGroupRequest request = healthCheck(group).toBuilder().targetGroupArn(arn).build();
    errors.run(() -> clients.elb().modifyTargetGroup(request));
  }

  /** The spec's health check, in the shape both CreateTargetGroup and ModifyTargetGroup take. */
  private static ModifyTargetGroupRequest healthCheck(TargetGroup group) {
    HealthCheck h = group.healthCheck();
    return ModifyTargetGroupRequest.builder()
        .healthCheckProtocol(h.protocol() == null ? group.protocol() : h.protocol())
        .healthCheckPort(h.port())
        .healthCheckPath(h.path())
        .healthCheckIntervalSeconds(h.intervalSeconds())
        .healthCheckTimeoutSeconds(h.timeoutSeconds())
        .healthyThresholdCount(h.healthyThreshold())
        .unhealthyThresholdCount(h.unhealthyThreshold())
        .matcher(Matcher.builder().httpCode(h.matcher()).build())
        .build();
  }

  void modifyAttributes(String arn, TargetGroup group) {
    List<TargetGroupAttribute> attributes = new ArrayList<>();
    attributes.add(
        attribute("deregistration_delay.timeout_seconds", group.deregistrationDelaySeconds()));
    attributes.add(attribute("stickiness.enabled", group.sticky()));
    if (group.sticky()) {
      attributes.add(attribute("stickiness.type", group.stickinessType()));
      if (TargetGroup.APP_COOKIE.equals(group.stickinessType())) {
        attributes.add(
            attribute("stickiness.app_cookie.cookie_name", group.stickinessCookieName()));
        attributes.add(
            attribute("stickiness.app_cookie.duration_seconds", group.stickinessSeconds()));
      } else {
        attributes.add(
            attribute("stickiness.lb_cookie.duration_seconds", group.stickinessSeconds()));
      }
    }
    attributes.add(attribute("load_balancing.algorithm.type", group.algorithm()));
    if (TargetGroup.WEIGHTED_RANDOM.equals(group.algorithm())) {
      // AWS accepts this attribute only with weighted_random; elbctl models the algorithm
      // without anomaly mitigation, so it is always written off.
      attributes.add(attribute("load_balancing.algorithm.anomaly_mitigation", "off"));
    }
    attributes.add(attribute("slow_start.duration_seconds", group.slowStartSeconds()));
    errors.run(
        () ->
            clients
                .elb()
                .modifyTargetGroupAttributes(r -> r.targetGroupArn(arn).attributes(attributes)));
  }

  private static TargetGroupAttribute attribute(String key, Object value) {
    return TargetGroupAttribute.builder().key(key).value(String.valueOf(value)).build();
  }

  void registerTargets(String arn, List<Target> targets) {
    errors.run(
        () -> clients.elb().registerTargets(r -> r.targetGroupArn(arn).targets(targets(targets))));
  }

  void deregisterTargets(String arn, List<Target> targets) {
    errors.run(
        () ->
            clients.elb().deregisterTargets(r -> r.targetGroupArn(arn).targets(targets(targets))));
  }

  private static List<TargetDescription> targets(List<Target> targets) {
    return targets.stream()
        .map(t -> TargetDescription.builder().id(t.id()).port(t.port()).build())
        .toList();
  }

  /** Deletes a target group; {@link StillInUseException} while a listener or rule uses it. */
  void delete(String arn) {
    errors.run(() -> clients.elb().deleteTargetGroup(r -> r.targetGroupArn(arn)));
  }
}
