package io.elbctl.sim;

import io.elbctl.spec.RedirectAction;
import java.util.Locale;

/**
 * Builds a redirect's Location the way the ALB does: each part the action leaves as its placeholder
 * keeps the request's value, and {@code #{path}} expands without its leading slash.
 */
public final class RedirectLocation {
  private RedirectLocation() {}

  /** The Location for {@code request} (scheme, host and port already filled in). */
  public static String build(RedirectAction action, Request request, Semantics semantics) {
    String scheme = request.scheme();
    String host = request.hostName();
    String port = String.valueOf(request.port());
    String path = request.path().startsWith("/") ? request.path().substring(1) : request.path();
    String query = request.query() == null ? "" : request.query();

    String newScheme =
        expand(action.protocol(), scheme, host, port, path, query).toLowerCase(Locale.ROOT);
    String newHost = expand(action.host(), scheme, host, port, path, query);
    String newPort = expand(action.port(), scheme, host, port, path, query);
    String newPath = expand(action.path(), scheme, host, port, path, "");
    String newQuery = expand(action.query(), scheme, host, port, path, query);

    StringBuilder out = new StringBuilder();
    out.append(newScheme).append("://").append(newHost);
    boolean defaultPort =
        (newScheme.equals("https") && newPort.equals("443"))
            || (newScheme.equals("http") && newPort.equals("80"));
    if (!defaultPort || semantics.locationPort() == Semantics.LocationPort.explicit) {
      out.append(':').append(newPort);
    }
    out.append(newPath.startsWith("/") ? newPath : "/" + newPath);
    if (!newQuery.isEmpty()) {
      out.append('?').append(newQuery);
    }
    return out.toString();
  }

  private static String expand(
      String template, String scheme, String host, String port, String path, String query) {
    if (template.indexOf("#{") < 0) {
      return template;
    }
    return template
        .replace("#{protocol}", scheme)
        .replace("#{host}", host)
        .replace("#{port}", port)
        .replace("#{path}", path)
        .replace("#{query}", query);
  }

  /** The HTTP status of a redirect action ({@code HTTP_301} → 301). */
  public static int status(RedirectAction action) {
    String code = action.statusCode();
    return Integer.parseInt(code.startsWith("HTTP_") ? code.substring(5) : code);
  }
}
