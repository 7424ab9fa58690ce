package io.elbctl.aws;

import io.elbctl.plan.Ownership;
import io.elbctl.spec.DnsName;
import io.elbctl.spec.Rule;
import io.elbctl.spec.Spec;
import io.elbctl.spec.TargetGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The least-privilege IAM policy for one spec: read-only statements for plan and doctor, then what
 * apply, destroy and (optionally) --adopt add, each scoped to the spec's names, its hosted zone and
 * its {@code elbctl:spec} tag wherever AWS supports resource-level permissions or tag conditions.
 * Each statement says why elbctl needs it; {@link IamPolicyDocument} renders the policy and the
 * README's permission table from them. Granting a new call is one action name in the statement
 * whose scope fits it.
 */
public final class IamPolicy {
  private static final String SPEC_TAG = Ownership.SPEC_TAG;

  /** ACM's DNS validation names are an underscore and 32 hex characters under the domain. */
  static final String VALIDATION_LABEL = "_" + "?".repeat(32);

  /** Who needs a statement: plan (read-only), apply, destroy or adopt. */
  public enum Use {
    PLAN,
    APPLY,
    DESTROY,
    ADOPT
  }

  /** One Allow statement; {@code conditions} maps operator → key → values. */
  public record Statement(
      String sid,
      Use use,
      List<String> actions,
      List<String> resources,
      Map<String, Map<String, List<String>>> conditions,
      String why) {
    public Statement {
      actions = List.copyOf(actions);
      resources = List.copyOf(resources);
      conditions = Map.copyOf(conditions);
    }
  }

  /** What --adopt takes over besides the spec's named ELB resources: security groups by id. */
  public record Adoption(List<String> securityGroupIds) {
    public Adoption {
      securityGroupIds = List.copyOf(securityGroupIds);
    }
  }

  private IamPolicy() {}

  /**
   * Every statement for {@code spec}; {@code zoneId} is the hosted zone's id without prefix, and
   * {@code adopt} is null unless the policy is for {@code apply --adopt}.
   */
  public static List<Statement> statements(Spec spec, String zoneId, Adoption adopt) {
    String region = spec.region();
    String elb = "arn:aws:elasticloadbalancing:" + region + ":*:";
    String lbName = spec.loadBalancer().name();
    List<String> elbResources = new ArrayList<>();
    // IAM allows no wildcard in the resource type part of an ARN: one pattern per type.
    elbResources.add(elb + "loadbalancer/app/" + lbName + "/*");
    elbResources.add(elb + "listener/app/" + lbName + "/*");
    elbResources.add(elb + "listener-rule/app/" + lbName + "/*");
    for (TargetGroup group : spec.targetGroups()) {
      elbResources.add(elb + "targetgroup/" + group.name() + "/*");
    }
    String certificates = "arn:aws:acm:" + region + ":*:certificate/*";
    String ec2 = "arn:aws:ec2:" + region + ":*:";
    String securityGroups = ec2 + "security-group/*";
    String vpcId = spec.network().vpcId();
    String vpc = ec2 + "vpc/" + ("default".equals(vpcId) ? "*" : vpcId);
    String zone = "arn:aws:route53:::hostedzone/" + zoneId;
    String role = "arn:aws:iam::*:role/" + ServiceLinkedRoles.PATH + ServiceLinkedRoles.ROLE;
    Map<String, Map<String, List<String>>> requestTag = requestTag(spec);
    Map<String, Map<String, List<String>>> resourceTag =
        Map.of("StringEquals", Map.of("aws:ResourceTag/" + SPEC_TAG, List.of(spec.name())));

    List<String> creates =
        List.of(
            "elasticloadbalancing:CreateLoadBalancer",
            "elasticloadbalancing:CreateTargetGroup",
            "elasticloadbalancing:CreateListener",
            "elasticloadbalancing:CreateRule");

    // HTTPS listeners: apply adds the spec's SNI certificates and removes those it no longer
    // lists (also those an earlier version of the spec added), so it reads them too.
    boolean https = spec.loadBalancer().listeners().stream().anyMatch(l -> l.https());
    List<String> describes =
        new ArrayList<>(
            List.of(
                "elasticloadbalancing:DescribeLoadBalancers",
                "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "elasticloadbalancing:DescribeListeners",
                "elasticloadbalancing:DescribeRules",
                "elasticloadbalancing:DescribeTargetGroups",
                "elasticloadbalancing:DescribeTargetGroupAttributes",
                "elasticloadbalancing:DescribeTargetHealth",
                "elasticloadbalancing:DescribeTags",
                "elasticloadbalancing:DescribeListenerCertificates",
                "ec2:DescribeVpcs",
                "ec2:DescribeSubnets",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeRouteTables",
                "acm:ListCertificates",
                "route53:ListHostedZonesByName"));
    List<String> changes =
        new ArrayList<>(
            List.of(
                "elasticloadbalancing:ModifyLoadBalancerAttributes",
                "elasticloadbalancing:SetSecurityGroups",
                "elasticloadbalancing:ModifyListener",
                "elasticloadbalancing:DeleteListener",
                "elasticloadbalancing:ModifyRule",
                "elasticloadbalancing:SetRulePriorities",
                "elasticloadbalancing:DeleteRule",
                "elasticloadbalancing:ModifyTargetGroup",
                "elasticloadbalancing:ModifyTargetGroupAttributes",
                "elasticloadbalancing:RegisterTargets",
                "elasticloadbalancing:DeregisterTargets",
                "elasticloadbalancing:AddTags",
                "elasticloadbalancing:DeleteLoadBalancer",
                "elasticloadbalancing:DeleteTargetGroup"));
    if (https) {
      changes.add("elasticloadbalancing:AddListenerCertificates");
      changes.add("elasticloadbalancing:RemoveListenerCertificates");
    }

    List<Statement> all = new ArrayList<>();
    all.add(
        new Statement(
            "PlanDescribe",
            Use.PLAN,
            describes,
            List.of("*"),
            Map.of(),
            "reads live state for plan, doctor, import, status, simulate --live and every step;"
                + " AWS cannot scope these calls to resources"));
    all.add(
        new Statement(
            "PlanCertificates",
            Use.PLAN,
            List.of("acm:DescribeCertificate", "acm:ListTagsForCertificate"),
            List.of(certificates),
            Map.of(),
            "finds the spec's certificate by its tag and reads its status and validation records"));
    all.add(
        new Statement(
            "PlanHostedZone",
            Use.PLAN,
            List.of("route53:ListResourceRecordSets", "route53:GetHostedZone"),
            List.of(zone),
            Map.of(),
            "reads the zone's records (plan, the lock) and its name servers (doctor's delegation"
                + " check)"));
    all.add(
        new Statement(
            "PlanServiceLinkedRole",
            Use.PLAN,
            List.of("iam:GetRole"),
            List.of(role),
            Map.of(),
            "doctor says whether Elastic Load Balancing's service-linked role exists"));
    all.add(
        new Statement(
            "ApplyCreateTagged",
            Use.APPLY,
            adopt == null ? creates : concat(creates, "elasticloadbalancing:AddTags"),
            elbResources,
            requestTag,
            "creates the load balancer, target groups, listeners and rules, only with the spec's"
                + " tag"
                + (adopt == null
                    ? ""
                    : "; with --adopt also tags those of the spec's names that it did not create")));
    all.add(
        new Statement(
            "ApplyTagOnCreate",
            Use.APPLY,
            List.of("elasticloadbalancing:AddTags"),
            elbResources,
            merge(
                requestTag,
                "elasticloadbalancing:CreateAction",
                List.of("CreateLoadBalancer", "CreateTargetGroup", "CreateListener", "CreateRule")),
            "AWS checks the tags of a create call as an AddTags call"));
    all.add(
        new Statement(
            "ApplyChangeOwned",
            Use.APPLY,
            changes,
            elbResources,
            resourceTag,
            "changes and deletes what the spec owns: idle timeout, security groups, listeners"
                + " and their SNI certificates, rules and their order, health checks, target"
                + " attributes, targets, the spec hash tag; destroy deletes the load balancer and"
                + " target groups"));
    all.add(
        new Statement(
            "ApplyRequestCertificate",
            Use.APPLY,
            List.of("acm:RequestCertificate"),
            List.of("*"),
            requestTag,
            "requests the certificate, only with the spec's tag"));
    all.add(
        new Statement(
            "ApplyCreateSecurityGroup",
            Use.APPLY,
            List.of("ec2:CreateSecurityGroup"),
            List.of(securityGroups),
            requestTag,
            "creates the load balancer's security group, only with the spec's tag"));
    all.add(
        new Statement(
            "ApplySecurityGroupInVpc",
            Use.APPLY,
            List.of("ec2:CreateSecurityGroup"),
            List.of(vpc),
            Map.of(),
            "AWS also checks the VPC the security group is created in"));
    all.add(
        new Statement(
            "ApplyTagSecurityGroupOnCreate",
            Use.APPLY,
            List.of("ec2:CreateTags"),
            List.of(securityGroups),
            merge(requestTag, "ec2:CreateAction", List.of("CreateSecurityGroup")),
            "AWS checks the tags of CreateSecurityGroup as a CreateTags call"));
    all.add(
        new Statement(
            "ApplyOwnedSecurityGroup",
            Use.APPLY,
            List.of("ec2:AuthorizeSecurityGroupIngress", "ec2:DeleteSecurityGroup"),
            List.of(securityGroups),
            resourceTag,
            "opens the listener ports on the spec's own security group; destroy deletes it"));
    all.add(
        new Statement(
            "ApplyRecords",
            Use.APPLY,
            List.of("route53:ChangeResourceRecordSets"),
            List.of(zone),
            Map.of(
                "ForAllValues:StringLike",
                Map.of(
                    "route53:ChangeResourceRecordSetsNormalizedRecordNames",
                    List.copyOf(recordNames(spec))),
                "ForAllValues:StringEquals",
                Map.of(
                    "route53:ChangeResourceRecordSetsRecordTypes",
                    List.of("A", "AAAA", "TXT", "CNAME"))),
            "writes the alias records, their `_elbctl.` ownership TXT records, the spec's lock"
                + " record and ACM's validation CNAMEs (an underscore and 32 characters), nothing"
                + " else in the zone"));
    all.add(
        new Statement(
            "ApplyWaitForDns",
            Use.APPLY,
            List.of("route53:GetChange"),
            List.of("arn:aws:route53:::change/*"),
            Map.of(),
            "waits for record changes to reach INSYNC"));
    all.add(
        new Statement(
            "ApplyServiceLinkedRole",
            Use.APPLY,
            List.of("iam:CreateServiceLinkedRole"),
            List.of(role),
            Map.of(
                "StringEquals", Map.of("iam:AWSServiceName", List.of(ServiceLinkedRoles.SERVICE))),
            "AWS creates Elastic Load Balancing's service-linked role with the account's first"
                + " load balancer, as the caller"));
    List<String> secrets = secretResources(spec);
    if (!secrets.isEmpty()) {
      all.add(
          new Statement(
              "ApplyReadClientSecret",
              Use.APPLY,
              List.of("secretsmanager:GetSecretValue"),
              secrets,
              Map.of(),
              "reads the OIDC client secrets the spec references in Secrets Manager, only those"
                  + " (a name matches the six characters Secrets Manager appends)"));
    }
    all.add(
        new Statement(
            "DestroyCertificate",
            Use.DESTROY,
            List.of("acm:DeleteCertificate"),
            List.of(certificates),
            resourceTag,
            "deletes the certificate the spec owns"));
    if (adopt != null) {
      if (!adopt.securityGroupIds().isEmpty()) {
        all.add(
            new Statement(
                "AdoptTagSecurityGroup",
                Use.ADOPT,
                List.of("ec2:CreateTags"),
                adopt.securityGroupIds().stream().map(id -> ec2 + "security-group/" + id).toList(),
                requestTag,
                "tags the security group being adopted, named by id"));
      }
    }
    return all;
  }

  /** The Secrets Manager secrets the spec's authenticate actions read, as IAM resources. */
  static List<String> secretResources(Spec spec) {
    return spec.loadBalancer().listeners().stream()
        .flatMap(listener -> listener.rules().stream())
        .map(Rule::authenticate)
        .filter(auth -> auth != null && auth.clientSecret() != null)
        .map(auth -> auth.clientSecret().secretsManager())
        .filter(secret -> secret != null)
        .map(
            secret ->
                secret.startsWith("arn:")
                    ? secret
                    : "arn:aws:secretsmanager:" + spec.region() + ":*:secret:" + secret + "-??????")
        .distinct()
        .toList();
  }

  private static List<String> concat(List<String> list, String item) {
    List<String> all = new ArrayList<>(list);
    all.add(item);
    return all;
  }

  private static Map<String, Map<String, List<String>>> requestTag(Spec spec) {
    return Map.of("StringEquals", Map.of("aws:RequestTag/" + SPEC_TAG, List.of(spec.name())));
  }

  private static Map<String, Map<String, List<String>>> merge(
      Map<String, Map<String, List<String>>> conditions, String key, List<String> values) {
    Map<String, List<String>> equals = new LinkedHashMap<>(conditions.get("StringEquals"));
    equals.put(key, values);
    return Map.of("StringEquals", equals);
  }

  /**
   * The record names elbctl changes, normalised as Route 53 does (lower case, no final dot): the
   * alias records, their ownership TXT records, the spec's lock record, and ACM's validation CNAMEs
   * under each certificate name.
   */
  static Set<String> recordNames(Spec spec) {
    Set<String> names = new LinkedHashSet<>();
    for (String record : spec.domain().records()) {
      String fqdn = DnsName.normalize(DnsName.fqdn(record));
      names.add(fqdn);
      names.add(DnsName.normalize(Ownership.markerName(fqdn)));
    }
    // The lease that lets one run at a time change the spec (see SpecLock).
    names.add(
        "_elbctl-lock."
            + spec.name().toLowerCase(Locale.ROOT)
            + "."
            + DnsName.normalize(DnsName.fqdn(spec.domain().hostedZone())));
    // The validation records of every certificate: the default and the listeners' SNI ones.
    for (io.elbctl.spec.Certificate certificate : spec.certificates()) {
      for (String name : certificate.allNames()) {
        String base = name.startsWith("*.") ? name.substring(2) : name;
        names.add(VALIDATION_LABEL + "." + DnsName.normalize(DnsName.fqdn(base)));
      }
    }
    return names;
  }
}
