package io.elbctl.plan;

import io.elbctl.plan.Diagnosis.Finding;
import io.elbctl.plan.Diagnosis.Level;
import io.elbctl.plan.Inventory.CertificateState;
import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.spec.DnsName;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The doctor check that every alias record pointing at the load balancer is covered by a
 * certificate its HTTPS listeners serve (the default or an SNI one): a client that reaches the load
 * balancer under another name gets the default certificate, and its browser rejects it.
 */
final class CertificateCoverage {
  private CertificateCoverage() {}

  static Finding check(Inventory inventory) {
    String check = "certificate coverage";
    if (inventory.loadBalancer() == null
        || inventory.listeners().stream().noneMatch(l -> l.certificateArn() != null)) {
      return new Finding(Level.SKIPPED, check, "no HTTPS listener serves a certificate yet");
    }
    String lbName = bare(inventory.loadBalancer().dnsName());
    List<String> served = new ArrayList<>();
    for (CertificateState certificate : inventory.certificates()) {
      if (certificate.servedByListener()) {
        served.addAll(certificate.names());
      }
    }
    TreeSet<String> uncovered = new TreeSet<>();
    for (RecordSet record : inventory.records()) {
      if (record.aliasDnsName() == null || !bare(record.aliasDnsName()).equals(lbName)) {
        continue;
      }
      String name = DnsName.normalize(record.name());
      if (served.stream().noneMatch(c -> DnsName.covers(c, name))) {
        uncovered.add(name);
      }
    }
    if (uncovered.isEmpty()) {
      return new Finding(
          Level.OK, check, "every alias of the load balancer is covered by a served certificate");
    }
    return new Finding(
        Level.WARN,
        check,
        "no certificate the HTTPS listeners serve covers "
            + String.join(", ", uncovered)
            + ", which alias the load balancer; browsers reject HTTPS there (add the name to the"
            + " certificate or a listener's certificates)");
  }

  /** A load balancer DNS name without {@code dualstack.}, trailing dot or case. */
  private static String bare(String dnsName) {
    String name = DnsName.normalize(dnsName).toLowerCase(Locale.ROOT);
    return name.startsWith("dualstack.") ? name.substring("dualstack.".length()) : name;
  }
}
