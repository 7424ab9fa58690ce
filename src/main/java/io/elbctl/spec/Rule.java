package io.elbctl.spec;

/** A listener rule: a priority, conditions that must all match, transforms and one action. */
public record Rule(
    @Required @Doc("1-50000, unique on the listener; lower is evaluated first.") Integer priority,
    @Required @Doc("Conditions; all must match (values inside one condition are alternatives).")
        Conditions conditions,
    @Doc(
            "Rewrites of the Host header and the URL, applied after the rule matched and before"
                + " its action forwards the request.")
        Transforms transforms,
    @Doc(
            "Signs the user in with an OIDC identity provider or Amazon Cognito before the action"
                + " (HTTPS listeners only).")
        Authenticate authenticate,
    @Required @Doc("What happens to a matching request.") Action action) {

  /** The highest priority a listener rule may have. */
  public static final int MAX_PRIORITY = 50_000;

  public Rule {
    transforms = transforms == null ? Transforms.NONE : transforms;
  }

  /** A rule without transforms or authentication. */
  public Rule(Integer priority, Conditions conditions, Action action) {
    this(priority, conditions, null, null, action);
  }

  /** A rule without authentication. */
  public Rule(Integer priority, Conditions conditions, Transforms transforms, Action action) {
    this(priority, conditions, transforms, null, action);
  }
}
