package io.elbctl.aws;

import io.elbctl.plan.Inventory.CertificateState;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.acm.model.ValidationMethod;

/** Every ACM write, and the read a step polls while a certificate is issued. */
final class AcmWriter {
  private final AwsClients clients;
  private final AwsErrors errors;

  AcmWriter(AwsClients clients, AwsErrors errors) {
    this.clients = clients;
    this.errors = errors;
  }

  String request(List<String> names, String idempotencyToken, Map<String, String> tags) {
    return errors.call(
        () ->
            clients
                .acm()
                .requestCertificate(
                    r ->
                        r.domainName(names.get(0))
                            .subjectAlternativeNames(names)
                            .validationMethod(ValidationMethod.DNS)
                            .idempotencyToken(idempotencyToken)
                            .tags(AwsTags.acm(tags)))
                .certificateArn());
  }

  CertificateState certificate(String arn) {
    return errors.call(() -> InventoryReader.certificate(clients, arn, true, false));
  }

  void delete(String arn) {
    errors.run(() -> clients.acm().deleteCertificate(r -> r.certificateArn(arn)));
  }
}
