package io.elbctl.aws;

import io.elbctl.plan.Inventory.CertificateState;
import io.elbctl.plan.Inventory.ValidationRecord;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.acm.model.DomainValidation;

/** Translates a described ACM certificate to SDK-free terms. */
final class AcmTranslation {
  private AcmTranslation() {}

  static CertificateState state(
      String arn, CertificateDetail detail, boolean owned, boolean served) {
    return new CertificateState(
        arn, detail.statusAsString(), names(detail), owned, served, validationRecords(detail));
  }

  /** The domain name first, then every other subject alternative name once. */
  static List<String> names(CertificateDetail detail) {
    List<String> names = new ArrayList<>();
    names.add(detail.domainName());
    for (String san : detail.subjectAlternativeNames()) {
      if (!names.contains(san)) {
        names.add(san);
      }
    }
    return names;
  }

  /** The DNS records ACM asks for; missing for a few seconds after a request on AWS. */
  static List<ValidationRecord> validationRecords(CertificateDetail detail) {
    List<ValidationRecord> records = new ArrayList<>();
    for (DomainValidation validation : detail.domainValidationOptions()) {
      if (validation.resourceRecord() != null) {
        records.add(
            new ValidationRecord(
                validation.resourceRecord().name(),
                validation.resourceRecord().typeAsString(),
                validation.resourceRecord().value()));
      }
    }
    return records;
  }
}
