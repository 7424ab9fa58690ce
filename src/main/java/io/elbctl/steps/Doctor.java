package io.elbctl.steps;

import io.elbctl.aws.AwsGateway;
import io.elbctl.plan.Diagnosis;
import io.elbctl.plan.Inventory;
import io.elbctl.spec.Spec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what {@link Diagnosis} checks (the zone's name servers, subnets and routes, the parent's NS
 * records through DNS, the service-linked role) and runs the checks; used by {@code doctor} and at
 * the start of apply.
 */
public final class Doctor {
  private Doctor() {}

  public static List<Diagnosis.Finding> run(
      Spec spec, Inventory inventory, AwsGateway aws, Resolver resolver, String region) {
    Diagnosis.DnsAnswer delegation;
    try {
      delegation = Diagnosis.DnsAnswer.of(resolver.query(spec.domain().hostedZone(), "NS"));
    } catch (IOException e) {
      delegation = Diagnosis.DnsAnswer.unreachable(e.getMessage());
    }
    // Without a DNS answer there is nothing to compare the zone's name servers with.
    List<String> nameServers =
        inventory.zone() == null || delegation.unreachable() != null
            ? List.of()
            : aws.zoneNameServers(inventory.zone().id());
    List<Diagnosis.Finding> findings =
        new ArrayList<>(
            Diagnosis.check(
                spec,
                new Diagnosis.Facts(
                    inventory,
                    nameServers,
                    delegation,
                    aws.subnetRoutes(spec, inventory),
                    region)));
    findings.add(Diagnosis.serviceLinkedRole(aws.serviceLinkedRole()));
    return findings;
  }
}
