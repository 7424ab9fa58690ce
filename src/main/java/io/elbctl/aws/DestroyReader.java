package io.elbctl.aws;

import io.elbctl.plan.Destroyer;
import io.elbctl.plan.Inventory.SecurityGroupState;
import io.elbctl.plan.Inventory.ValidationRecord;
import io.elbctl.plan.Ownership;
import io.elbctl.plan.ResourceNames;
import io.elbctl.spec.Spec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.CertificateSummary;

/** Reads what destroy needs beyond the inventory: its security group and owned certificates. */
final class DestroyReader {
  private final AwsClients clients;

  DestroyReader(AwsClients clients) {
    this.clients = clients;
  }

  Destroyer.Inputs read(Spec spec) {
    SecurityGroupState group = null;
    if (spec.network().securityGroups().isEmpty()) {
      for (SecurityGroupState g :
          InventoryReader.securityGroups(
              clients,
              InventoryReader.filter("group-name", ResourceNames.securityGroupName(spec)))) {
        if (group == null || Ownership.owns(spec.name(), g.tags())) {
          group = g;
        }
      }
    }
    List<Destroyer.OwnedCertificate> owned = new ArrayList<>();
    Set<String> others = new HashSet<>();
    for (CertificateSummary summary :
        clients.acm().listCertificatesPaginator(r -> {}).certificateSummaryList()) {
      String arn = summary.certificateArn();
      Map<String, String> tags = InventoryReader.certificateTags(clients, arn);
      CertificateDetail detail =
          clients.acm().describeCertificate(r -> r.certificateArn(arn)).certificate();
      List<ValidationRecord> records = AcmTranslation.validationRecords(detail);
      if (Ownership.owns(spec.name(), tags)) {
        owned.add(
            new Destroyer.OwnedCertificate(
                arn, AcmTranslation.names(detail), records, detail.inUseBy()));
      } else {
        records.forEach(r -> others.add(r.name()));
      }
    }
    return new Destroyer.Inputs(group, owned, others);
  }
}
