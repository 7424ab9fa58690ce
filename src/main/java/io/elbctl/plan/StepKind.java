package io.elbctl.plan;

/** The six provisioning steps, in the order they run. */
public enum StepKind {
  DOMAIN("domain"),
  CERTIFICATE("certificate"),
  TARGET_GROUPS("target-groups"),
  LOAD_BALANCER("load-balancer"),
  RULES("rules"),
  DNS("dns");

  public final String label;

  StepKind(String label) {
    this.label = label;
  }
}
