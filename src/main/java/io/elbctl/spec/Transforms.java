package io.elbctl.spec;

/**
 * The rewrites ALB applies to a request a rule matched, before it is forwarded; ALB allows one of
 * each type per rule and none on a listener's default action.
 */
public record Transforms(
    @Doc("Rewrites the Host header (ALB transform host-header-rewrite).") Rewrite hostHeaderRewrite,
    @Doc("Rewrites the path and query string (ALB transform url-rewrite).") Rewrite urlRewrite) {

  /** No transform at all, what a rule without {@code transforms} has. */
  public static final Transforms NONE = new Transforms(null, null);

  public boolean isEmpty() {
    return hostHeaderRewrite == null && urlRewrite == null;
  }
}
