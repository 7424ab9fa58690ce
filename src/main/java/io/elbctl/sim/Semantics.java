package io.elbctl.sim;

/**
 * The choices the simulator makes where AWS does not document the ALB's behaviour; every field has
 * a CLI flag, and {@link #DEFAULT} is what the README documents.
 */
public record Semantics(
    HostPort hostPort,
    PathDecoding pathDecoding,
    RegexMatch regexMatch,
    RegexCase regexCase,
    InitialHealthy initialHealthy,
    LocationPort locationPort,
    RewriteDecoding rewriteDecoding) {

  /** Semantics with the documented rewrite decoding. */
  public Semantics(
      HostPort hostPort,
      PathDecoding pathDecoding,
      RegexMatch regexMatch,
      RegexCase regexCase,
      InitialHealthy initialHealthy,
      LocationPort locationPort) {
    this(
        hostPort,
        pathDecoding,
        regexMatch,
        regexCase,
        initialHealthy,
        locationPort,
        RewriteDecoding.keep);
  }

  /** Whether host-header values see a {@code :port} in the Host header. */
  public enum HostPort {
    /** Compare the whole Host header, port included, so example.com misses example.com:8443. */
    keep,
    /** Drop the port before comparing. */
    strip
  }

  /** Whether path conditions see the raw request path or its percent-decoded form. */
  public enum PathDecoding {
    raw,
    decode
  }

  /** Whether a regex value must match somewhere in the value or the whole value. */
  public enum RegexMatch {
    search,
    full
  }

  /** Case rule of regex values. */
  public enum RegexCase {
    /** The case rule of the condition type: paths sensitive, hosts and header values not. */
    condition,
    sensitive,
    insensitive
  }

  /** How many passing checks a newly registered target needs before it is healthy. */
  public enum InitialHealthy {
    /** One, as the ALB guide states for newly registered targets. */
    one,
    /** HealthyThresholdCount, as some tools model it. */
    threshold
  }

  /** Whether a redirect Location names the port when it is the scheme's default. */
  public enum LocationPort {
    /** Always, as observed from ALBs ({@code https://example.com:443/}). */
    explicit,
    /** Only for non-default ports. */
    omit_default
  }

  /** Whether a url-rewrite's result reaches the target percent-decoded. */
  public enum RewriteDecoding {
    /** Forward the rewritten URL as the replacement wrote it. */
    keep,
    /** Percent-decode it, as reported of ALBs (aws-load-balancer-controller issue 4579). */
    decode
  }

  public static final Semantics DEFAULT =
      new Semantics(
          HostPort.keep,
          PathDecoding.raw,
          RegexMatch.search,
          RegexCase.condition,
          InitialHealthy.one,
          LocationPort.explicit,
          RewriteDecoding.keep);
}
