package io.elbctl.serve.http;

/**
 * The reason codes a classification can carry, spelled as http-desync-guardian names them. ALB's
 * access log writes the same spelling in its {@code classification_reason} field for every code
 * marked {@link #albLogged()}; {@link #MULTILINE_HEADER} is a guardian code that ALB's user guide
 * does not list, used here for a header line that begins with whitespace (an obsolete line fold to
 * some servers).
 */
public enum Reason {
  COMPLIANT("Compliant", Tier.COMPLIANT, true),
  NON_COMPLIANT_HEADER("NonCompliantHeader", Tier.ACCEPTABLE, true),
  SPACE_IN_URI("SpaceInUri", Tier.ACCEPTABLE, true),
  NON_COMPLIANT_VERSION("NonCompliantVersion", Tier.ACCEPTABLE, true),
  GET_HEAD_ZERO_CONTENT_LENGTH("GetHeadZeroContentLength", Tier.ACCEPTABLE, true),
  EMPTY_HEADER("EmptyHeader", Tier.AMBIGUOUS, true),
  SUSPICIOUS_HEADER("SuspiciousHeader", Tier.AMBIGUOUS, true),
  AMBIGUOUS_URI("AmbiguousUri", Tier.AMBIGUOUS, true),
  UNDEFINED_CONTENT_LENGTH_SEMANTICS("UndefinedContentLengthSemantics", Tier.AMBIGUOUS, true),
  UNDEFINED_TRANSFER_ENCODING_SEMANTICS("UndefinedTransferEncodingSemantics", Tier.AMBIGUOUS, true),
  DUPLICATE_CONTENT_LENGTH("DuplicateContentLength", Tier.AMBIGUOUS, true),
  BOTH_TE_CL_PRESENT("BothTeClPresent", Tier.AMBIGUOUS, true),
  MULTILINE_HEADER("MultilineHeader", Tier.AMBIGUOUS, false),
  BAD_HEADER("BadHeader", Tier.SEVERE, true),
  BAD_URI("BadUri", Tier.SEVERE, true),
  BAD_METHOD("BadMethod", Tier.SEVERE, true),
  BAD_VERSION("BadVersion", Tier.SEVERE, true),
  MULTIPLE_CONTENT_LENGTH("MultipleContentLength", Tier.SEVERE, true),
  BAD_CONTENT_LENGTH("BadContentLength", Tier.SEVERE, true),
  MULTIPLE_TRANSFER_ENCODING_CHUNKED("MultipleTransferEncodingChunked", Tier.SEVERE, true),
  BAD_TRANSFER_ENCODING("BadTransferEncoding", Tier.SEVERE, true);

  private final String code;
  private final Tier tier;
  private final boolean albLogged;

  Reason(String code, Tier tier, boolean albLogged) {
    this.code = code;
    this.tier = tier;
    this.albLogged = albLogged;
  }

  /** The code as written in the access log, e.g. {@code BadContentLength}. */
  public String code() {
    return code;
  }

  /** The tier this reason puts a request in. */
  public Tier tier() {
    return tier;
  }

  /** True when ALB's user guide lists this code among its access-log classification reasons. */
  public boolean albLogged() {
    return albLogged;
  }

  /** The reason with this code, or empty. */
  public static java.util.Optional<Reason> fromCode(String code) {
    for (Reason reason : values()) {
      if (reason.code.equals(code)) {
        return java.util.Optional.of(reason);
      }
    }
    return java.util.Optional.empty();
  }
}
