package io.elbctl.plan;

import io.elbctl.spec.Action;
import io.elbctl.spec.Conditions;
import io.elbctl.spec.FixedResponseAction;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.HttpHeaderCondition;
import io.elbctl.spec.QueryStringCondition;
import io.elbctl.spec.RedirectAction;
import io.elbctl.spec.Transforms;
import io.elbctl.spec.WeightedTargetGroup;
import java.util.ArrayList;
import java.util.List;

/** Short one-line texts for actions and conditions, as plan output shows them. */
public final class Describe {
  private Describe() {}

  public static String action(Action action) {
    if (action == null) {
      return "(none)";
    }
    if (action instanceof ForwardAction forward) {
      List<String> groups = new ArrayList<>();
      for (WeightedTargetGroup group : forward.groups()) {
        groups.add(
            forward.weighted() ? group.name() + " (weight " + group.weight() + ")" : group.name());
      }
      return "forward "
          + String.join(", ", groups)
          + (forward.stickinessSeconds() == null
              ? ""
              : " (sticky " + forward.stickinessSeconds() + "s)");
    }
    if (action instanceof RedirectAction redirect) {
      return "redirect "
          + redirect.statusCode()
          + " to "
          + redirect.protocol()
          + "://"
          + redirect.host()
          + ":"
          + redirect.port()
          + redirect.path()
          + "?"
          + redirect.query();
    }
    if (action instanceof FixedResponseAction fixed) {
      return "fixed-response "
          + fixed.statusCode()
          + " "
          + fixed.contentType()
          + (fixed.messageBody().isEmpty() ? "" : " \"" + fixed.messageBody() + "\"");
    }
    throw new AssertionError(action);
  }

  /**
   * The authenticate action in one line, its client secret by reference only ({@code $NAME}), or
   * (none).
   */
  public static String authenticate(io.elbctl.spec.Authenticate a) {
    if (a == null) {
      return "(none)";
    }
    String who =
        a.oidc()
            ? "oidc issuer "
                + a.issuer()
                + ", authorization "
                + a.authorizationEndpoint()
                + ", token "
                + a.tokenEndpoint()
                + ", user info "
                + a.userInfoEndpoint()
                + ", client "
                + a.clientId()
                + (a.clientSecret() == null ? "" : ", secret " + a.clientSecret())
            : "cognito pool "
                + a.userPoolArn()
                + ", client "
                + a.userPoolClientId()
                + ", domain "
                + a.userPoolDomain();
    return who
        + ", unauthenticated: "
        + a.onUnauthenticatedRequest()
        + ", scope \""
        + a.scope()
        + "\", cookie "
        + a.sessionCookieName()
        + ", session "
        + a.sessionTimeoutSeconds()
        + "s";
  }

  /** {@code host ~ regex => replace; url ~ regex => replace}, or (none). */
  public static String transforms(Transforms t) {
    List<String> parts = new ArrayList<>();
    if (t.hostHeaderRewrite() != null) {
      parts.add("host " + t.hostHeaderRewrite().regex() + " => " + t.hostHeaderRewrite().replace());
    }
    if (t.urlRewrite() != null) {
      parts.add("url " + t.urlRewrite().regex() + " => " + t.urlRewrite().replace());
    }
    return parts.isEmpty() ? "(none)" : String.join("; ", parts);
  }

  public static String conditions(Conditions c) {
    List<String> parts = new ArrayList<>();
    add(parts, "path", c.pathPatterns());
    add(parts, "path~", c.pathRegexes());
    add(parts, "host", c.hostHeaders());
    add(parts, "host~", c.hostRegexes());
    for (HttpHeaderCondition header : c.httpHeaders()) {
      add(parts, "header " + header.name(), header.values());
      add(parts, "header " + header.name() + "~", header.regexValues());
    }
    if (!c.queryStrings().isEmpty()) {
      List<String> pairs = new ArrayList<>();
      for (QueryStringCondition q : c.queryStrings()) {
        pairs.add((q.key() == null ? "" : q.key() + "=") + q.value());
      }
      add(parts, "query", pairs);
    }
    add(parts, "method", c.methods());
    add(parts, "source", c.sourceIps());
    return parts.isEmpty() ? "(none)" : String.join(" and ", parts);
  }

  private static void add(List<String> parts, String label, List<String> values) {
    if (!values.isEmpty()) {
      parts.add(label + " " + String.join(" | ", values));
    }
  }
}
