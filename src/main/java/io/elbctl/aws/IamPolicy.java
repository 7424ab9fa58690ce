package io.elbctl.aws;

import io.elbctl.plan.Ownership;
import io.elbctl.plan.Planner;
import io.elbctl.spec.Spec;
import io.elbctl.spec.TargetGroup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The least-privilege IAM policy for one spec: read-only statements for plan, then what apply,
 * destroy and (optionally) --adopt add, each scoped to the spec's names, its hosted zone and its
 * {@code elbctl:spec} tag wherever AWS supports resource-level permissions or tag conditions.
 */
public final class IamPolicy {
  private static final String SPEC_TAG = Ownership.SPEC_TAG;

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
      Map<String, Map<String, List<String>>> conditions) {
    public Statement {
      actions = List.copyOf(actions);
      resources = List.copyOf(resources);
      conditions = Map.copyOf(conditions);
    }
  }

  private IamPolicy() {}

  /** The IAM action an SDK call needs, from the service and operation the SDK reports. */
  public static String action(String service, String operation) {
    String prefix =
        switch (service.replace(" ", "").toLowerCase(java.util.Locale.ROOT)) {
          case "elasticloadbalancingv2" -> "elasticloadbalancing";
          case "ec2" -> "ec2";
          case "acm" -> "acm";
          case "route53" -> "route53";
          default -> throw new IllegalArgumentException("no IAM prefix known for " + service);
        };
    return prefix + ":" + operation;
  }

  /** Every statement for {@code spec}; {@code zoneId} is the hosted zone's id without prefix. */
  public static List<Statement> statements(Spec spec, String zoneId, boolean adopt) {
    String region = spec.region();
    String elb = "arn:aws:elasticloadbalancing:" + region + ":*:";
    String lbName = spec.loadBalancer().name();
    List<String> elbResources = new ArrayList<>();
    elbResources.add(elb + "loadbalancer/app/" + lbName + "/*");
    elbResources.add(elb + "listener/app/" + lbName + "/*");
    elbResources.add(elb + "listener-rule/app/" + lbName + "/*");
    for (TargetGroup group : spec.targetGroups()) {
      elbResources.add(elb + "targetgroup/" + group.name() + "/*");
    }
    String certificates = "arn:aws:acm:" + region + ":*:certificate/*";
    String securityGroups = "arn:aws:ec2:" + region + ":*:security-group/*";
    String zone = "arn:aws:route53:::hostedzone/" + zoneId;
    Map<String, Map<String, List<String>>> requestTag =
        Map.of("StringEquals", Map.of("aws:RequestTag/" + SPEC_TAG, List.of(spec.name())));
    Map<String, Map<String, List<String>>> resourceTag =
        Map.of("StringEquals", Map.of("aws:ResourceTag/" + SPEC_TAG, List.of(spec.name())));

    List<Statement> all = new ArrayList<>();
    all.add(
        new Statement(
            "PlanDescribe",
            Use.PLAN,
            List.of(
                "elasticloadbalancing:DescribeLoadBalancers",
                "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "elasticloadbalancing:DescribeListeners",
                "elasticloadbalancing:DescribeRules",
                "elasticloadbalancing:DescribeTargetGroups",
                "elasticloadbalancing:DescribeTargetGroupAttributes",
                "elasticloadbalancing:DescribeTargetHealth",
                "elasticloadbalancing:DescribeTags",
                "ec2:DescribeVpcs",
                "ec2:DescribeSubnets",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeRouteTables",
                "acm:ListCertificates",
                "route53:ListHostedZonesByName"),
            List.of("*"),
            Map.of()));
    all.add(
        new Statement(
            "PlanCertificates",
            Use.PLAN,
            List.of("acm:DescribeCertificate", "acm:ListTagsForCertificate"),
            List.of(certificates),
            Map.of()));
    all.add(
        new Statement(
            "PlanHostedZone",
            Use.PLAN,
            List.of("route53:ListResourceRecordSets", "route53:GetHostedZone"),
            List.of(zone),
            Map.of()));
    all.add(
        new Statement(
            "ApplyWaitForDns",
            Use.APPLY,
            List.of("route53:GetChange"),
            List.of("arn:aws:route53:::change/*"),
            Map.of()));
    all.add(
        new Statement(
            "ApplyCreateTagged",
            Use.APPLY,
            List.of(
                "elasticloadbalancing:CreateLoadBalancer",
                "elasticloadbalancing:CreateTargetGroup",
                "elasticloadbalancing:CreateListener",
                "elasticloadbalancing:CreateRule"),
            elbResources,
            requestTag));
    all.add(
        new Statement(
            "ApplyTagOnCreate",
            Use.APPLY,
            List.of("elasticloadbalancing:AddTags"),
            elbResources,
            Map.of(
                "StringEquals",
                Map.of(
                    "elasticloadbalancing:CreateAction",
                    List.of(
                        "CreateLoadBalancer", "CreateTargetGroup", "CreateListener", "CreateRule"),
                    "aws:RequestTag/" + SPEC_TAG,
                    List.of(spec.name())))));
    all.add(
        new Statement(
            "ApplyChangeOwned",
            Use.APPLY,
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
                "elasticloadbalancing:AddTags"),
            elbResources,
            resourceTag));
    all.add(
        new Statement(
            "ApplyRequestCertificate",
            Use.APPLY,
            List.of("acm:RequestCertificate", "acm:AddTagsToCertificate"),
            List.of("*"),
            requestTag));
    all.add(
        new Statement(
            "ApplyCreateSecurityGroup",
            Use.APPLY,
            List.of("ec2:CreateSecurityGroup"),
            List.of(securityGroups),
            requestTag));
    all.add(
        new Statement(
            "ApplySecurityGroupInVpc",
            Use.APPLY,
            List.of("ec2:CreateSecurityGroup"),
            List.of("arn:aws:ec2:" + region + ":*:vpc/*"),
            Map.of()));
    all.add(
        new Statement(
            "ApplyTagSecurityGroupOnCreate",
            Use.APPLY,
            List.of("ec2:CreateTags"),
            List.of(securityGroups),
            Map.of("StringEquals", Map.of("ec2:CreateAction", List.of("CreateSecurityGroup")))));
    all.add(
        new Statement(
            "ApplyOpenSecurityGroup",
            Use.APPLY,
            List.of("ec2:AuthorizeSecurityGroupIngress"),
            List.of(securityGroups),
            resourceTag));
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
                    List.of("A", "AAAA", "TXT", "CNAME")))));
    all.add(
        new Statement(
            "DestroyOwned",
            Use.DESTROY,
            List.of(
                "elasticloadbalancing:DeleteLoadBalancer",
                "elasticloadbalancing:DeleteTargetGroup",
                "elasticloadbalancing:DeleteListener",
                "elasticloadbalancing:DeleteRule"),
            elbResources,
            resourceTag));
    all.add(
        new Statement(
            "DestroySecurityGroup",
            Use.DESTROY,
            List.of("ec2:DeleteSecurityGroup"),
            List.of(securityGroups),
            resourceTag));
    all.add(
        new Statement(
            "DestroyCertificate",
            Use.DESTROY,
            List.of("acm:DeleteCertificate"),
            List.of(certificates),
            resourceTag));
    if (adopt) {
      all.add(
          new Statement(
              "AdoptTagExisting",
              Use.ADOPT,
              List.of("elasticloadbalancing:AddTags"),
              elbResources,
              requestTag));
      all.add(
          new Statement(
              "AdoptTagSecurityGroup",
              Use.ADOPT,
              List.of("ec2:CreateTags"),
              List.of(securityGroups),
              requestTag));
    }
    return all;
  }

  /**
   * The record names elbctl changes: the alias records, their ownership TXT records, and the
   * validation CNAMEs ACM picks under each certificate name (a leading underscore label).
   */
  static Set<String> recordNames(Spec spec) {
    Set<String> names = new LinkedHashSet<>();
    for (String record : spec.domain().records()) {
      String fqdn = strip(Planner.fqdn(record));
      names.add(fqdn);
      names.add(strip(Ownership.markerName(fqdn)));
    }
    // The lease that lets one run at a time change the spec (see SpecLock).
    names.add(
        "_elbctl-lock."
            + spec.name().toLowerCase(java.util.Locale.ROOT)
            + "."
            + strip(Planner.fqdn(spec.domain().hostedZone())));
    if (spec.certificate() != null) {
      for (String name : spec.certificate().allNames()) {
        String base = name.startsWith("*.") ? name.substring(2) : name;
        names.add("_*." + strip(Planner.fqdn(base)));
      }
    }
    return names;
  }

  private static String strip(String fqdn) {
    return fqdn.endsWith(".") ? fqdn.substring(0, fqdn.length() - 1) : fqdn;
  }

  /** The statements as an IAM policy document, ready for JSON. */
  public static Map<String, Object> document(List<Statement> statements) {
    List<Object> list = new ArrayList<>();
    for (Statement s : statements) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("Sid", s.sid());
      item.put("Effect", "Allow");
      item.put("Action", s.actions());
      item.put("Resource", s.resources().size() == 1 ? s.resources().get(0) : s.resources());
      if (!s.conditions().isEmpty()) {
        Map<String, Object> conditions = new LinkedHashMap<>();
        s.conditions().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .forEach(
                e -> {
                  Map<String, Object> keys = new LinkedHashMap<>();
                  e.getValue().entrySet().stream()
                      .sorted(Map.Entry.comparingByKey())
                      .forEach(k -> keys.put(k.getKey(), k.getValue()));
                  conditions.put(e.getKey(), keys);
                });
        item.put("Condition", conditions);
      }
      list.add(item);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("Version", "2012-10-17");
    document.put("Statement", list);
    return document;
  }
}
