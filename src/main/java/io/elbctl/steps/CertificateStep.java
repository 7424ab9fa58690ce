package io.elbctl.steps;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.aws.StillInUseException;
import io.elbctl.plan.Change;
import io.elbctl.plan.Inventory.CertificateState;
import io.elbctl.plan.Inventory.ValidationRecord;
import io.elbctl.plan.StepKind;
import io.elbctl.spec.DnsName;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Step 2: requests the certificate (or keeps the one found) and writes its validation records;
 * waiting for ISSUED is left to whatever needs the certificate, so the apply overlaps it.
 */
public final class CertificateStep implements Step<Change.CertificateChange> {
  /** How long a certificate ACM just returned may stay invisible to DescribeCertificate. */
  static final Duration VISIBLE = Duration.ofSeconds(10);

  @Override
  public StepKind kind() {
    return StepKind.CERTIFICATE;
  }

  @Override
  public Class<Change.CertificateChange> changes() {
    return Change.CertificateChange.class;
  }

  @Override
  public void apply(List<Change.CertificateChange> changes, StepContext context) {
    for (Change.CertificateChange change : changes) {
      if (change instanceof Change.RequestCertificate request) {
        String arn = request(context, request);
        context.certificateRequested(request.names(), arn);
        context.report("+ requested certificate " + arn);
        CertificateState state =
            context
                .poller()
                .until(
                    "ACM to publish the DNS validation records",
                    Duration.ofMinutes(5),
                    () -> context.aws().certificate(arn),
                    c -> c.validationRecords().size() >= expected(request.names()),
                    c -> c.validationRecords().size() + " record(s)",
                    "run the same elbctl command again; the request is reused");
        write(context, state.validationRecords());
      } else if (change instanceof Change.UpsertValidationRecords upsert) {
        write(context, upsert.records());
      } else {
        throw new AssertionError(change);
      }
    }
  }

  /**
   * Requests the certificate with the spec's idempotency token. ACM may not find a certificate for
   * a few seconds after the request (eventual consistency), so the answer is described until ACM
   * finds it. When it still does not after {@link #VISIBLE}, the token's certificate was deleted
   * within the hour (destroy, then apply) and ACM still maps the token to it: the request is made
   * once more with a token of its own.
   */
  private static String request(StepContext context, Change.RequestCertificate request) {
    String arn;
    try {
      arn =
          context
              .aws()
              .requestCertificate(request.names(), request.idempotencyToken(), context.tags());
    } catch (ElbctlException e) {
      // The emulator answers the token of a deleted certificate with HTTP 500 (AWS returns it).
      if (e.exitCode() != ExitCode.ERROR || e instanceof StillInUseException) {
        throw e;
      }
      return requestAnew(context, request);
    }
    try {
      context
          .poller()
          .until(
              "ACM to find the requested certificate " + arn,
              VISIBLE,
              () -> context.aws().certificate(arn),
              c -> true,
              CertificateState::status,
              "run the same elbctl command again; the request is reused");
      return arn;
    } catch (ElbctlException e) {
      if (e.exitCode() != ExitCode.TIMEOUT) {
        throw e;
      }
    }
    return requestAnew(context, request);
  }

  private static String requestAnew(StepContext context, Change.RequestCertificate request) {
    String token = request.idempotencyToken();
    String fresh =
        token.substring(0, Math.min(20, token.length()))
            + Long.toHexString(System.currentTimeMillis());
    context.report(
        "= the certificate request " + request.idempotencyToken() + " is gone; requesting anew");
    return context.aws().requestCertificate(request.names(), fresh, context.tags());
  }

  /** ACM gives a wildcard and its apex one record: count the distinct base names. */
  private static int expected(List<String> names) {
    return (int)
        names.stream().map(n -> n.startsWith("*.") ? n.substring(2) : n).distinct().count();
  }

  private static void write(StepContext context, List<ValidationRecord> records) {
    Map<String, ValidationRecord> unique = new LinkedHashMap<>();
    for (ValidationRecord record : records) {
      // Two identical UPSERTs in one batch are an InvalidChangeBatch.
      unique.putIfAbsent(DnsName.fqdn(record.name()), record);
    }
    context.aws().upsertCnames(context.zoneId(), List.copyOf(unique.values()));
    for (ValidationRecord record : unique.values()) {
      context.report("+ validation record " + record.name() + " " + record.type());
    }
  }
}
