package io.elbctl.aws;

import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.plan.Inventory.ValidationRecord;
import io.elbctl.spec.DnsName;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.route53.model.AliasTarget;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** Every Route 53 write, each one change batch, and the reads that follow a change. */
final class Route53Writer {
  private final AwsClients clients;
  private final AwsErrors errors;

  Route53Writer(AwsClients clients, AwsErrors errors) {
    this.clients = clients;
    this.errors = errors;
  }

  String upsertCnames(String zoneId, List<ValidationRecord> records) {
    return change(
        zoneId,
        records.stream()
            .map(r -> upsert(simple(r.name(), r.type(), 300L, List.of(r.value()))))
            .toList());
  }

  String upsertAliases(
      String zoneId,
      List<String[]> nameAndType,
      String aliasDnsName,
      String aliasZoneId,
      List<String> markerNames,
      String markerValue) {
    List<Change> changes = new ArrayList<>();
    markerNames.forEach(n -> changes.add(upsert(simple(n, "TXT", 300L, List.of(markerValue)))));
    for (String[] record : nameAndType) {
      changes.add(
          upsert(alias(DnsName.fqdn(record[0]), record[1], aliasDnsName, aliasZoneId, true)));
    }
    return change(zoneId, changes);
  }

  String deleteRecords(String zoneId, List<RecordSet> records) {
    List<Change> changes = new ArrayList<>();
    for (RecordSet record : records) {
      changes.add(
          change(
              ChangeAction.DELETE,
              record.aliasDnsName() != null
                  ? alias(
                      record.name(),
                      record.type(),
                      record.aliasDnsName(),
                      record.aliasZoneId(),
                      record.evaluateTargetHealth())
                  : simple(record.name(), record.type(), record.ttl(), record.values())));
    }
    return change(zoneId, changes);
  }

  String changeStatus(String changeId) {
    return errors.call(
        () -> clients.route53().getChange(r -> r.id(changeId)).changeInfo().statusAsString());
  }

  List<String> zoneNameServers(String zoneId) {
    return errors.call(
        () -> {
          var response = clients.route53().getHostedZone(r -> r.id(zoneId));
          return response.delegationSet() == null
              ? List.<String>of()
              : response.delegationSet().nameServers();
        });
  }

  private String change(String zoneId, List<Change> changes) {
    return errors.call(
        () ->
            clients
                .route53()
                .changeResourceRecordSets(
                    r ->
                        r.hostedZoneId(zoneId)
                            .changeBatch(ChangeBatch.builder().changes(changes).build()))
                .changeInfo()
                .id());
  }

  private static Change upsert(ResourceRecordSet set) {
    return change(ChangeAction.UPSERT, set);
  }

  static Change change(ChangeAction action, ResourceRecordSet set) {
    return Change.builder().action(action).resourceRecordSet(set).build();
  }

  /** A record set with values, such as a CNAME or TXT record. */
  static ResourceRecordSet simple(String name, String type, Long ttl, List<String> values) {
    return ResourceRecordSet.builder()
        .name(name)
        .type(type)
        .ttl(ttl)
        .resourceRecords(
            values.stream().map(v -> ResourceRecord.builder().value(v).build()).toList())
        .build();
  }

  private static ResourceRecordSet alias(
      String name, String type, String dnsName, String zoneId, boolean evaluateTargetHealth) {
    return ResourceRecordSet.builder()
        .name(name)
        .type(type)
        .aliasTarget(
            AliasTarget.builder()
                .dnsName(dnsName)
                .hostedZoneId(zoneId)
                .evaluateTargetHealth(evaluateTargetHealth)
                .build())
        .build();
  }
}
