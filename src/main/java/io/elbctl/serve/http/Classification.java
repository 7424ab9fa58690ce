package io.elbctl.serve.http;

import java.util.Objects;

/**
 * The desync verdict on one request: its tier and the guardian's reason code for it.
 *
 * @param tier how dangerous the request is
 * @param reason the reason code, e.g. {@code DuplicateContentLength}; {@code Compliant} for a
 *     compliant request
 */
public record Classification(Tier tier, String reason) {
  /** The verdict on a request with nothing to report. */
  public static final Classification COMPLIANT = of(Reason.COMPLIANT);

  public Classification {
    Objects.requireNonNull(tier, "tier");
    Objects.requireNonNull(reason, "reason");
  }

  /** The verdict a reason implies. */
  public static Classification of(Reason reason) {
    return new Classification(reason.tier(), reason.code());
  }

  /**
   * The access log's {@code classification} field: the tier, or {@code -} for a compliant request
   * (ALB writes a hyphen when the request complies with RFC 7230).
   */
  public String logClassification() {
    return tier == Tier.COMPLIANT ? "-" : tier.label();
  }

  /** The access log's {@code classification_reason} field: the code, or {@code -} if compliant. */
  public String logReason() {
    return tier == Tier.COMPLIANT ? "-" : reason;
  }
}
