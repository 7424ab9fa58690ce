package io.elbctl.serve.http;

/** ALB's desync classification tiers, from harmless to dangerous; the order is significant. */
public enum Tier {
  COMPLIANT("Compliant"),
  ACCEPTABLE("Acceptable"),
  AMBIGUOUS("Ambiguous"),
  SEVERE("Severe");

  private final String label;

  Tier(String label) {
    this.label = label;
  }

  /** The name ALB and http-desync-guardian use, e.g. {@code Ambiguous}. */
  public String label() {
    return label;
  }

  /** The tier with this label, or empty. */
  public static java.util.Optional<Tier> fromLabel(String label) {
    for (Tier tier : values()) {
      if (tier.label.equals(label)) {
        return java.util.Optional.of(tier);
      }
    }
    return java.util.Optional.empty();
  }
}
