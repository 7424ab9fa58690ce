package io.elbctl.aws;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeBatch;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * Conditional writes of one TXT record, the primitive of elbctl's per-spec lock: Route 53 applies a
 * change batch atomically, a CREATE fails when the record exists and a DELETE fails unless the
 * values match exactly, so "delete the value I read, create mine" is a compare-and-swap.
 */
public final class LockRecords {
  static final long TTL = 60;

  private final AwsGateway gateway;
  private final AwsClients clients;

  public LockRecords(AwsClients clients, AwsGateway gateway) {
    this.clients = clients;
    this.gateway = gateway;
  }

  /**
   * Writes {@code value} at {@code name} if the record now holds exactly {@code expected} (null: if
   * there is no such record); false when it holds something else.
   */
  public boolean swap(String zoneId, String name, String expected, String value) {
    List<Change> changes = new ArrayList<>();
    if (expected != null) {
      changes.add(change(ChangeAction.DELETE, name, expected));
    }
    if (value != null) {
      changes.add(change(ChangeAction.CREATE, name, value));
    }
    return gateway.call(
        () -> {
          try {
            clients
                .route53()
                .changeResourceRecordSets(
                    r ->
                        r.hostedZoneId(zoneId)
                            .changeBatch(ChangeBatch.builder().changes(changes).build()));
            return true;
          } catch (AwsServiceException e) {
            if ("InvalidChangeBatch".equals(AwsErrors.errorCode(e))) {
              return false;
            }
            throw e;
          }
        });
  }

  private static Change change(ChangeAction action, String name, String value) {
    return Route53Writer.change(
        action, Route53Writer.simple(name, RRType.TXT.toString(), TTL, List.of(quote(value))));
  }

  /** A TXT value as Route 53 stores it: in double quotes. */
  public static String quote(String value) {
    return "\"" + value + "\"";
  }
}
