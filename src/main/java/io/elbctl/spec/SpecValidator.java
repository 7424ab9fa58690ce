package io.elbctl.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a bound spec against every AWS limit and elbctl rule before any AWS call. Hard limits are
 * errors; adjustable quotas and legal-but-suspicious input are warnings. Fields that failed to bind
 * are null here and were already reported, so every check tolerates nulls. One class checks each
 * section ({@link DomainRules}, {@link TargetGroupRules}, {@link ListenerRules} with {@link
 * ConditionRules}); this one checks the top level and the network.
 */
public final class SpecValidator extends SpecRules {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d{1,2}");
  private static final Pattern VPC_ID = Pattern.compile("vpc-[0-9a-f]{8,17}");
  private static final Pattern SUBNET_ID = Pattern.compile("subnet-[0-9a-f]{8,17}");
  private static final Pattern SECURITY_GROUP_ID = Pattern.compile("sg-[0-9a-f]{8,17}");

  private SpecValidator(Spec spec, List<Problem> problems) {
    super(spec, problems);
  }

  /** Every problem in the spec: errors and warnings, in document order. */
  public static List<Problem> validate(Spec spec) {
    List<Problem> problems = new ArrayList<>();
    new SpecValidator(spec, problems).run();
    return List.copyOf(problems);
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
      new DomainRules(spec, problems).domain(spec.domain());
    }
    if (spec.certificate() != null) {
      new DomainRules(spec, problems).certificate(spec.certificate());
    }
    network(spec.network());
    new TargetGroupRules(spec, problems).targetGroups();
    if (spec.loadBalancer() != null) {
      new ListenerRules(spec, problems).loadBalancer(spec.loadBalancer());
    }
    new DomainRules(spec, problems).coverage();
  }

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
}
