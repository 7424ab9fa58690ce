package io.elbctl.aws;

import static io.elbctl.aws.ElbctlRun.REGION;

import io.elbctl.aws.IamRequests.Authorization;
import io.elbctl.aws.IamSimulator.Case;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Requests {@link IamPolicyTest} expects the policy to deny, derived from the recorded calls. */
final class IamProbes {
  private static final String OTHER_ZONE = "ZOTHERZONE0000";

  private IamProbes() {}

  /**
   * Requests the policy must deny: each recorded change made in another spec's name (its tag, its
   * load balancer and lock names) or in another zone, and the grants a too-wide policy would make.
   */
  static List<Case> foreign(List<Case> calls, String account, String zoneId, String adoptedGroup) {
    List<Case> probes = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (Case c : calls) {
      Authorization call = c.call();
      if (!call.mutating() || c.policy().contains("--read-only")) {
        continue;
      }
      String spec = c.policy().startsWith("other") ? "other" : "myapp";
      for (Authorization variant :
          List.of(
              renamed(call, spec, "intruder"), rezoned(call, zoneId), untagged(c.policy(), call))) {
        if (!variant.labelled(call.command()).equals(call) && seen.add(variant.toString())) {
          probes.add(new Case(c.policy(), variant));
        }
      }
    }
    String zone = "arn:aws:route53:::hostedzone/" + zoneId;
    for (String name :
        List.of(
            "_acme-challenge.example.com",
            "_acme-challenge.www.example.com",
            "_dmarc.example.com",
            "_elbctl-lock.intruder.example.com",
            "_elbctl.api.example.com",
            "api.example.com",
            "_0123456789abcdef0123456789abcdef.api.example.com",
            "_0123456789abcdef0123456789abcdef0.example.com")) {
      for (String type : List.of("TXT", "CNAME")) {
        probes.add(upsert(zone, name, type));
      }
    }
    probes.add(upsert(zone, "www.example.com", "NS"));
    String ec2 = "arn:aws:ec2:" + REGION + ":" + account + ":security-group/";
    String notAdopted = adoptedGroup.equals("sg-0a1b2c3d") ? "sg-0a1b2c3e" : "sg-0a1b2c3d";
    probes.add(
        new Case(
            "other --adopt",
            new Authorization(
                "probe",
                "CreateTags",
                "ec2:CreateTags",
                ec2 + notAdopted,
                Map.of(
                    "aws:RequestTag/elbctl:spec",
                    "other",
                    "aws:TagKeys",
                    List.of("elbctl:spec")))));
    probes.add(
        new Case(
            "other --adopt",
            new Authorization(
                "probe",
                "CreateServiceLinkedRole",
                "iam:CreateServiceLinkedRole",
                "arn:aws:iam::"
                    + account
                    + ":role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS",
                Map.of("iam:AWSServiceName", "ecs.amazonaws.com"))));
    return probes;
  }

  private static Authorization renamed(Authorization call, String spec, String intruder) {
    return new Authorization(
        "another spec",
        call.operation(),
        call.action(),
        call.resource().replace("/" + spec + "-alb/", "/" + intruder + "-alb/"),
        replaceValues(call.context(), spec, intruder));
  }

  private static Authorization rezoned(Authorization call, String zoneId) {
    if (!call.resource().contains(zoneId)) {
      return call;
    }
    return new Authorization(
        "another zone",
        call.operation(),
        call.action(),
        call.resource().replace(zoneId, OTHER_ZONE),
        call.context());
  }

  /**
   * The call on a resource that does not carry the spec's tag; creates (whose resource tags are the
   * parent's) and adopting tag calls (whose point is an untagged resource) stay as they are.
   */
  private static Authorization untagged(String policy, Authorization call) {
    if (Set.of("elasticloadbalancing:CreateListener", "elasticloadbalancing:CreateRule")
            .contains(call.action())
        || (policy.endsWith("--adopt") && call.action().endsWith("Tags"))) {
      return call;
    }
    Map<String, Object> context = new TreeMap<>(call.context());
    context.keySet().removeIf(k -> k.startsWith("aws:ResourceTag/"));
    if (context.equals(call.context())) {
      return call;
    }
    return new Authorization(
        "untagged resource", call.operation(), call.action(), call.resource(), context);
  }

  private static Map<String, Object> replaceValues(
      Map<String, Object> context, String from, String to) {
    Map<String, Object> out = new TreeMap<>();
    context.forEach(
        (k, v) -> {
          if (v instanceof List<?> list) {
            out.put(k, list.stream().map(x -> replace(String.valueOf(x), from, to)).toList());
          } else {
            out.put(k, replace(String.valueOf(v), from, to));
          }
        });
    return out;
  }

  private static String replace(String value, String from, String to) {
    return value.equals(from)
        ? to
        : value.replace("." + from + ".", "." + to + ".").replace(from + "-alb", to + "-alb");
  }

  /** Spec myapp UPSERTing one record of one type in the zone. */
  private static Case upsert(String zone, String name, String type) {
    return new Case(
        "myapp",
        new Authorization(
            "probe",
            "ChangeResourceRecordSets",
            "route53:ChangeResourceRecordSets",
            zone,
            Map.of(
                "route53:ChangeResourceRecordSetsNormalizedRecordNames",
                List.of(name),
                "route53:ChangeResourceRecordSetsRecordTypes",
                List.of(type),
                "route53:ChangeResourceRecordSetsActions",
                List.of("UPSERT"))));
  }
}
