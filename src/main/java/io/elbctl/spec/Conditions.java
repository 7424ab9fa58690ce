package io.elbctl.spec;

import java.util.List;

/** The conditions of a rule; every non-empty one must match, any of its values suffices. */
public record Conditions(
    @Doc("Path globs (case-sensitive, * and ?, whole path, no query string).")
        List<String> pathPatterns,
    @Doc("Path regular expressions.") List<String> pathRegexes,
    @Doc("Host globs (case-insensitive).") List<String> hostHeaders,
    @Doc("Host regular expressions.") List<String> hostRegexes,
    @Doc("Header conditions; each must match.") List<HttpHeaderCondition> httpHeaders,
    @Doc("Query-string pairs; any one present satisfies the condition.")
        List<QueryStringCondition> queryStrings,
    @Doc("HTTP methods (exact, case-sensitive).") List<String> methods,
    @Doc("Source address CIDRs of the client connection.") List<String> sourceIps) {
  public Conditions {
    pathPatterns = copy(pathPatterns);
    pathRegexes = copy(pathRegexes);
    hostHeaders = copy(hostHeaders);
    hostRegexes = copy(hostRegexes);
    httpHeaders = copy(httpHeaders);
    queryStrings = copy(queryStrings);
    methods = copy(methods);
    sourceIps = copy(sourceIps);
  }

  private static <T> List<T> copy(List<T> values) {
    return values == null ? List.of() : List.copyOf(values);
  }

  /** True when no condition is set at all. */
  public boolean isEmpty() {
    return pathPatterns.isEmpty()
        && pathRegexes.isEmpty()
        && hostHeaders.isEmpty()
        && hostRegexes.isEmpty()
        && httpHeaders.isEmpty()
        && queryStrings.isEmpty()
        && methods.isEmpty()
        && sourceIps.isEmpty();
  }
}
