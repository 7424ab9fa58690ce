package io.elbctl.plan;

import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.spec.DnsName;
import io.elbctl.spec.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The checks of {@code elbctl doctor}, over facts already read: delegation, CAA, what sits at the
 * alias names, subnets and internet routes, certificate region; pure, so each check is a table
 * test.
 */
public final class Diagnosis {
  /** CAA issuer domains that let ACM issue (any one suffices). */
  static final Set<String> AMAZON_CAS =
      Set.of("amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com");

  private Diagnosis() {}

  /** How a check came out. */
  public enum Level {
    OK,
    WARN,
    FAIL,
    SKIPPED
  }

  /** One check's outcome, as one sentence. */
  public record Finding(Level level, String check, String message) {}

  /** The answer to a DNS query, or why there is none ({@code unreachable} set). */
  public record DnsAnswer(List<String> values, String unreachable) {
    public DnsAnswer {
      values = values == null ? List.of() : List.copyOf(values);
    }

    public static DnsAnswer of(List<String> values) {
      return new DnsAnswer(values, null);
    }

    public static DnsAnswer unreachable(String reason) {
      return new DnsAnswer(List.of(), reason);
    }
  }

  /** A subnet the load balancer uses (or would), and whether its route table reaches an IGW. */
  public record SubnetRoute(String id, String availabilityZone, boolean internetGateway) {}

  /** Everything the checks look at. */
  public record Facts(
      Inventory inventory,
      List<String> zoneNameServers,
      DnsAnswer delegation,
      List<SubnetRoute> subnets,
      String region) {
    public Facts {
      zoneNameServers = List.copyOf(zoneNameServers);
      subnets = List.copyOf(subnets);
    }
  }

  /** Whether a role exists: {@code exists} is null when IAM did not say ({@code unknown} why). */
  public record RoleAnswer(String role, Boolean exists, String unknown) {
    public static RoleAnswer exists(String role) {
      return new RoleAnswer(role, true, null);
    }

    public static RoleAnswer absent(String role) {
      return new RoleAnswer(role, false, null);
    }

    public static RoleAnswer unknown(String role, String reason) {
      return new RoleAnswer(role, null, reason);
    }
  }

  /**
   * The account's first load balancer makes AWS create Elastic Load Balancing's service-linked
   * role, which the caller must be allowed to do; a missing role is a warning, not a failure.
   */
  public static Finding serviceLinkedRole(RoleAnswer answer) {
    String check = "service-linked role";
    if (answer.exists() == null) {
      return new Finding(
          Level.SKIPPED,
          check,
          answer.unknown()
              + ", so whether "
              + answer.role()
              + " exists was not checked; the account's first load balancer needs"
              + " iam:CreateServiceLinkedRole");
    }
    if (answer.exists()) {
      return new Finding(Level.OK, check, answer.role() + " exists");
    }
    return new Finding(
        Level.WARN,
        check,
        answer.role()
            + " does not exist yet: AWS creates it with the account's first load balancer, which"
            + " needs iam:CreateServiceLinkedRole for elasticloadbalancing.amazonaws.com (elbctl"
            + " iam-policy grants it)");
  }

  public static List<Finding> check(Spec spec, Facts facts) {
    List<Finding> findings = new ArrayList<>();
    delegation(spec, facts, findings);
    caa(spec, facts, findings);
    aliasNames(spec, facts, findings);
    subnets(spec, facts, findings);
    certificateRegion(spec, facts, findings);
    findings.add(CertificateCoverage.check(facts.inventory()));
    return findings;
  }

  private static void delegation(Spec spec, Facts facts, List<Finding> findings) {
    String zone = DnsName.fqdn(spec.domain().hostedZone());
    if (facts.inventory().zone() == null) {
      findings.add(
          new Finding(Level.FAIL, "delegation", "no public Route 53 hosted zone is named " + zone));
      return;
    }
    if (facts.delegation().unreachable() != null) {
      findings.add(
          new Finding(
              Level.SKIPPED,
              "delegation",
              "could not query DNS ("
                  + facts.delegation().unreachable()
                  + "), so the delegation of "
                  + zone
                  + " was not checked; compare `dig NS "
                  + spec.domain().hostedZone()
                  + "` with `aws route53 get-hosted-zone --id "
                  + facts.inventory().zone().id()
                  + "`"));
      return;
    }
    Set<String> expected = names(facts.zoneNameServers());
    Set<String> seen = names(facts.delegation().values());
    if (seen.equals(expected)) {
      findings.add(
          new Finding(
              Level.OK,
              "delegation",
              zone + " is delegated to the hosted zone's name servers " + String.join(", ", seen)));
    } else {
      findings.add(
          new Finding(
              Level.FAIL,
              "delegation",
              "DNS lists "
                  + (seen.isEmpty() ? "no name servers" : String.join(", ", seen))
                  + " for "
                  + zone
                  + " but the hosted zone's are "
                  + String.join(", ", expected)
                  + "; set these at the registrar, or ACM never validates the certificate"));
    }
  }

  private static void caa(Spec spec, Facts facts, List<Finding> findings) {
    if (spec.certificate() == null) {
      return;
    }
    String zone = DnsName.fqdn(spec.domain().hostedZone());
    List<String> blocked = new ArrayList<>();
    for (String name : spec.certificate().allNames()) {
      boolean wildcard = name.startsWith("*.");
      String at = DnsName.fqdn(wildcard ? name.substring(2) : name);
      // The closest CAA record set at or above the name, within the zone, applies.
      while (true) {
        String current = at;
        List<RecordSet> caa =
            facts.inventory().records().stream()
                .filter(r -> r.type().equals("CAA") && DnsName.fqdn(r.name()).equals(current))
                .toList();
        if (!caa.isEmpty()) {
          if (!allowsAmazon(caa.get(0).values(), wildcard)) {
            blocked.add(name + " (CAA at " + current + ")");
          }
          break;
        }
        if (current.equals(zone) || current.indexOf('.') < 0) {
          break;
        }
        at = current.substring(current.indexOf('.') + 1);
      }
    }
    if (blocked.isEmpty()) {
      findings.add(
          new Finding(
              Level.OK,
              "caa",
              "no CAA record in the zone stops Amazon from issuing the certificate"));
    } else {
      findings.add(
          new Finding(
              Level.FAIL,
              "caa",
              "CAA records forbid Amazon to issue for "
                  + String.join(", ", blocked)
                  + "; add 0 issue \"amazon.com\" (and issuewild for wildcards)"));
    }
  }

  static boolean allowsAmazon(List<String> values, boolean wildcard) {
    List<String> issue = new ArrayList<>();
    List<String> issuewild = new ArrayList<>();
    for (String value : values) {
      String[] parts = value.trim().split("\\s+", 3);
      if (parts.length < 3) {
        continue;
      }
      String tag = parts[1].toLowerCase(Locale.ROOT);
      // "ca.example; account=1" names a CA; ";" alone forbids every CA.
      String text = parts[2].replace("\"", "");
      int semicolon = text.indexOf(';');
      String ca =
          (semicolon < 0 ? text : text.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
      if (tag.equals("issue")) {
        issue.add(ca);
      } else if (tag.equals("issuewild")) {
        issuewild.add(ca);
      }
    }
    List<String> applicable = wildcard && !issuewild.isEmpty() ? issuewild : issue;
    if (applicable.isEmpty()) {
      return true;
    }
    return applicable.stream().anyMatch(AMAZON_CAS::contains);
  }

  private static void aliasNames(Spec spec, Facts facts, List<Finding> findings) {
    List<String> problems = new ArrayList<>();
    for (String name : spec.domain().records()) {
      String fqdn = DnsName.fqdn(name);
      for (RecordSet record : facts.inventory().records()) {
        if (!DnsName.fqdn(record.name()).equals(fqdn)) {
          continue;
        }
        if (record.type().equals("CNAME")) {
          problems.add("a CNAME sits at " + fqdn + " (delete it; an alias cannot share its name)");
        } else if ((record.type().equals("A") || record.type().equals("AAAA"))
            && Ownership.recordOwner(spec.name(), facts.inventory(), fqdn)
                != Ownership.RecordOwner.THIS_SPEC) {
          problems.add(
              "an "
                  + record.type()
                  + " record at "
                  + fqdn
                  + " was not created by this spec (apply refuses it unless --adopt)");
        }
      }
    }
    findings.add(
        problems.isEmpty()
            ? new Finding(Level.OK, "alias names", "no CNAME or foreign record at the alias names")
            : new Finding(Level.FAIL, "alias names", String.join("; ", problems)));
  }

  private static void subnets(Spec spec, Facts facts, List<Finding> findings) {
    if (facts.subnets().isEmpty()) {
      findings.add(new Finding(Level.SKIPPED, "subnets", "no subnets found to check"));
      return;
    }
    Set<String> zones = new TreeSet<>();
    facts.subnets().forEach(s -> zones.add(s.availabilityZone()));
    findings.add(
        zones.size() >= 2
            ? new Finding(
                Level.OK,
                "subnets",
                "the subnets span "
                    + zones.size()
                    + " availability zones "
                    + String.join(", ", zones))
            : new Finding(
                Level.FAIL,
                "subnets",
                "the subnets are all in "
                    + String.join(", ", zones)
                    + "; an Application Load Balancer needs two availability zones"));
    if (!"internet-facing".equals(spec.loadBalancer().scheme())) {
      return;
    }
    List<String> private_ =
        facts.subnets().stream().filter(s -> !s.internetGateway()).map(SubnetRoute::id).toList();
    findings.add(
        private_.isEmpty()
            ? new Finding(
                Level.OK, "internet route", "every subnet routes 0.0.0.0/0 to an internet gateway")
            : new Finding(
                Level.FAIL,
                "internet route",
                "subnet(s) "
                    + String.join(", ", private_)
                    + " have no 0.0.0.0/0 route to an internet gateway; an internet-facing load"
                    + " balancer there is unreachable"));
  }

  private static void certificateRegion(Spec spec, Facts facts, List<Finding> findings) {
    if (spec.certificate() == null) {
      return;
    }
    for (Inventory.ListenerState listener : facts.inventory().listeners()) {
      String arn = listener.certificateArn();
      if (arn == null) {
        continue;
      }
      String[] parts = arn.split(":");
      String region = parts.length > 3 ? parts[3] : "";
      if (!region.equals(facts.region())) {
        findings.add(
            new Finding(
                Level.FAIL,
                "certificate region",
                "listener "
                    + listener.protocol()
                    + ":"
                    + listener.port()
                    + " serves a certificate from "
                    + region
                    + " but the load balancer is in "
                    + facts.region()
                    + "; ACM certificates work only in their own region"));
        return;
      }
    }
    findings.add(
        new Finding(
            Level.OK,
            "certificate region",
            "the certificate is requested and served in " + facts.region()));
  }

  private static Set<String> names(List<String> values) {
    Set<String> names = new TreeSet<>();
    values.forEach(v -> names.add(DnsName.fqdn(v.trim())));
    return names;
  }
}
