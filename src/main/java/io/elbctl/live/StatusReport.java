package io.elbctl.live;

import io.elbctl.live.LiveAlb.LiveCertificate;
import io.elbctl.live.LiveAlb.LiveTargetGroup;
import io.elbctl.live.LiveAlb.TargetHealthState;
import io.elbctl.plan.Change;
import io.elbctl.plan.Plan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The live state of a load balancer at a glance: its state, every target's health with AWS's
 * reason, its certificates, whether its alias names resolve to it, and (with a spec) what a plan
 * would change; pure, made from what was read.
 */
public record StatusReport(
    String loadBalancer,
    String dnsName,
    String state,
    List<GroupStatus> groups,
    List<CertificateStatus> certificates,
    List<AliasStatus> aliases,
    List<String> drift) {

  public StatusReport {
    groups = List.copyOf(groups);
    certificates = List.copyOf(certificates);
    aliases = List.copyOf(aliases);
    drift = drift == null ? null : List.copyOf(drift);
  }

  /** A target group and DescribeTargetHealth's answer for each of its targets. */
  public record GroupStatus(String name, List<TargetHealthState> targets) {
    public GroupStatus {
      targets = List.copyOf(targets);
    }

    public boolean empty() {
      return targets.isEmpty();
    }
  }

  /** A certificate a listener serves; {@code daysLeft} null until it is issued. */
  public record CertificateStatus(
      String arn,
      String domainName,
      String status,
      Instant notAfter,
      Long daysLeft,
      String renewalEligibility) {}

  /**
   * Whether an alias name resolves to the load balancer: {@code resolves} null when DNS could not
   * be asked, with the reason in {@code detail}.
   */
  public record AliasStatus(String name, String type, Boolean resolves, String detail) {}

  /**
   * The report; {@code plan} null when no spec was given, else its changes become the drift
   * summary.
   */
  public static StatusReport of(LiveAlb live, List<AliasStatus> aliases, Plan plan, Instant now) {
    List<GroupStatus> groups = new ArrayList<>();
    for (LiveTargetGroup group : live.targetGroups()) {
      groups.add(new GroupStatus(group.group().name(), group.health()));
    }
    List<CertificateStatus> certificates = new ArrayList<>();
    for (LiveCertificate c : live.certificates()) {
      Long days = c.notAfter() == null ? null : Duration.between(now, c.notAfter()).toDays();
      certificates.add(
          new CertificateStatus(
              c.arn(), c.domainName(), c.status(), c.notAfter(), days, c.renewalEligibility()));
    }
    List<String> drift = null;
    if (plan != null) {
      drift = new ArrayList<>();
      for (Change change : plan.changes()) {
        drift.add(
            change.kind().symbol
                + " "
                + change.kind().verb
                + " "
                + change.resource()
                + (plan.isDrift(change) ? " (changed outside elbctl)" : ""));
      }
      for (var refusal : plan.refusals()) {
        drift.add("! refused: " + refusal.message());
      }
    }
    return new StatusReport(
        live.loadBalancer().name(),
        live.loadBalancer().dnsName(),
        live.loadBalancer().state(),
        groups,
        certificates,
        aliases,
        drift);
  }

  /** The problems {@code --detailed-exitcode} reports: unhealthy targets and empty groups. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    for (GroupStatus group : groups) {
      if (group.empty()) {
        problems.add("target group " + group.name() + " has no registered target");
      }
      for (TargetHealthState target : group.targets()) {
        if (!target.healthy()) {
          problems.add(
              "target "
                  + target.target().id()
                  + ":"
                  + target.target().port()
                  + " of "
                  + group.name()
                  + " is "
                  + target.state());
        }
      }
    }
    return problems;
  }
}
