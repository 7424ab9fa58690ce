package io.elbctl.sim;

import java.util.List;

/**
 * A concrete request that satisfies a compiled rule, built from the first value of each condition.
 */
final class WitnessRequest {
  private WitnessRequest() {}

  /** The request, or null when a condition has only regexes (no value to copy). */
  static Request build(CompiledListener listener, CompiledRule rule) {
    Request request = new Request("GET", null, null, listener.port(), "/", null, List.of(), null);
    String path = "/";
    String query = null;
    for (Condition condition : rule.conditions()) {
      if (condition instanceof Condition.Path patterns) {
        if (patterns.globs().isEmpty()) {
          return null;
        }
        path = patterns.globs().get(0).example("x");
      } else if (condition instanceof Condition.Host host) {
        if (host.globs().isEmpty()) {
          return null;
        }
        request = request.withHost(host.globs().get(0).example("x"));
      } else if (condition instanceof Condition.Method method) {
        request = request.withMethod(method.methods().get(0));
      } else if (condition instanceof Condition.Header header) {
        if (header.globs().isEmpty()) {
          return null;
        }
        request = request.withHeader(header.name(), header.globs().get(0).example("x"));
      } else if (condition instanceof Condition.Query pairs) {
        Condition.Pair pair = pairs.pairs().get(0);
        String item =
            (pair.key() == null ? "x" : pair.key().example("x")) + "=" + pair.value().example("x");
        query = query == null ? item : query + "&" + item;
      } else if (condition instanceof Condition.SourceIp ip) {
        Cidr block = ip.blocks().get(0);
        try {
          request =
              request.withSourceIp(
                  java.net.InetAddress.getByAddress(block.network()).getHostAddress());
        } catch (java.net.UnknownHostException e) {
          return null;
        }
      } else {
        throw new AssertionError(condition);
      }
    }
    return new Request(
        request.method(),
        null,
        request.host(),
        request.port(),
        path,
        query,
        request.headers(),
        request.sourceIp());
  }

  static String describe(Request request) {
    StringBuilder out = new StringBuilder(request.method()).append(' ');
    if (request.host() != null) {
      out.append("Host: ").append(request.host()).append(' ');
    }
    out.append(request.target());
    for (Request.Header header : request.headers()) {
      out.append(" -H '").append(header.name()).append(": ").append(header.value()).append('\'');
    }
    if (request.sourceIp() != null) {
      out.append(" from ").append(request.sourceIp());
    }
    return out.toString();
  }
}
