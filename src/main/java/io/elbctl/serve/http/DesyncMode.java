package io.elbctl.serve.http;

import java.util.Optional;

/**
 * ALB's desync mitigation modes ({@code routing.http.desync_mitigation_mode}) and what each does
 * with a request of each tier, as the table in ALB's user guide ("Desync mitigation mode") says:
 *
 * <pre>
 * Classification  Monitor  Defensive  Strictest
 * Compliant       Allowed  Allowed    Allowed
 * Acceptable      Allowed  Allowed    Blocked
 * Ambiguous       Allowed  Allowed¹   Blocked
 * Severe          Allowed  Blocked    Blocked
 * ¹ Routes the requests but closes the client and target connections.
 * </pre>
 *
 * A blocked request gets a 400 and its client connection is closed; nothing is sent upstream, so no
 * target connection is involved.
 */
public enum DesyncMode {
  MONITOR("monitor"),
  DEFENSIVE("defensive"),
  STRICTEST("strictest");

  /** ALB's default mode. */
  public static final DesyncMode DEFAULT = DEFENSIVE;

  /** The status ALB answers to a blocked request. */
  public static final int BLOCKED_STATUS = 400;

  private final String jsonName;

  DesyncMode(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The name in the spec and in the ALB attribute value, e.g. {@code defensive}. */
  public String jsonName() {
    return jsonName;
  }

  /** The mode with this name, or empty. */
  public static Optional<DesyncMode> fromJsonName(String name) {
    for (DesyncMode mode : values()) {
      if (mode.jsonName.equals(name)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }

  /** What this mode does with a request classified as {@code classification}. */
  public MitigationDecision decide(Classification classification) {
    Tier tier = classification.tier();
    boolean blocked =
        switch (this) {
          case MONITOR -> false;
          case DEFENSIVE -> tier == Tier.SEVERE;
          case STRICTEST -> tier.compareTo(Tier.ACCEPTABLE) >= 0;
        };
    if (blocked) {
      return MitigationDecision.BLOCK;
    }
    return this == DEFENSIVE && tier == Tier.AMBIGUOUS
        ? MitigationDecision.FORWARD_THEN_CLOSE
        : MitigationDecision.FORWARD;
  }
}
