package io.elbctl.steps;

import io.elbctl.live.LiveAlb;
import io.elbctl.live.StatusReport.AliasStatus;
import io.elbctl.plan.Inventory.RecordSet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asks DNS whether each alias name of a load balancer answers with the load balancer's own
 * addresses: the same A (or AAAA) values as its DNS name.
 */
public final class AliasResolution {
  private AliasResolution() {}

  public static List<AliasStatus> check(LiveAlb live, Resolver resolver) {
    List<AliasStatus> statuses = new ArrayList<>();
    for (RecordSet alias : live.aliases()) {
      statuses.add(check(alias, live.loadBalancer().dnsName(), resolver));
    }
    return statuses;
  }

  private static AliasStatus check(RecordSet alias, String dnsName, Resolver resolver) {
    String name = alias.name();
    try {
      Set<String> own = new TreeSet<>(resolver.query(dnsName, alias.type()));
      List<String> answered = resolver.query(name, alias.type());
      if (answered.isEmpty()) {
        return new AliasStatus(name, alias.type(), false, "no " + alias.type() + " answer");
      }
      boolean resolves = own.containsAll(answered);
      return new AliasStatus(
          name,
          alias.type(),
          resolves,
          String.join(", ", answered) + (resolves ? "" : " (the load balancer has " + own + ")"));
    } catch (IOException e) {
      return new AliasStatus(name, alias.type(), null, e.getMessage());
    }
  }
}
