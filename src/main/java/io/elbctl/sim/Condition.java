package io.elbctl.sim;

import io.elbctl.spec.Glob;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One compiled rule condition. Values inside a condition are alternatives; every condition of a
 * rule must match. Each type applies its own case rule, as the ALB does.
 */
public sealed interface Condition
    permits Condition.Patterns, Condition.Query, Condition.Method, Condition.SourceIp {

  /** True when the request satisfies this condition. */
  boolean matches(PreparedRequest request);

  /** Why the request does not satisfy this condition, in one clause. */
  String whyNot(PreparedRequest request);

  /** The ALB condition type ({@code path-pattern}, {@code host-header}, ...). */
  String type();

  /** The type and values, as the trace prints them. */
  String describe();

  /** Number of values (match evaluations) the condition costs against the per-rule quota. */
  int valueCount();

  /** Number of wildcards the condition costs against the per-rule quota; none unless globbed. */
  default int wildcardCount() {
    return 0;
  }

  /** A condition whose values are globs and regexes over one field of the request. */
  sealed interface Patterns extends Condition permits Path, Host, Header {
    List<Glob> globs();

    List<Regex> regexes();

    @Override
    default String describe() {
      return type() + " " + Condition.list(globs(), regexes());
    }

    @Override
    default int valueCount() {
      return globs().size() + regexes().size();
    }

    @Override
    default int wildcardCount() {
      return globs().stream().mapToInt(Glob::wildcards).sum();
    }
  }

  /** path-pattern: globs and regexes over the path only, case-sensitive. */
  record Path(List<Glob> globs, List<Regex> regexes) implements Patterns {
    @Override
    public boolean matches(PreparedRequest request) {
      return Condition.anyGlob(globs, request.path) || Condition.anyRegex(regexes, request.path);
    }

    @Override
    public String whyNot(PreparedRequest request) {
      return describe() + " does not match " + request.path;
    }

    @Override
    public String type() {
      return "path-pattern";
    }
  }

  /** host-header: globs and regexes over the Host header, case-insensitive. */
  record Host(List<Glob> globs, List<Regex> regexes) implements Patterns {
    @Override
    public boolean matches(PreparedRequest request) {
      String host = request.host;
      return host != null && (Condition.anyGlob(globs, host) || Condition.anyRegex(regexes, host));
    }

    @Override
    public String whyNot(PreparedRequest request) {
      return request.host == null
          ? describe() + ": the request has no Host header"
          : describe() + " does not match " + request.host;
    }

    @Override
    public String type() {
      return "host-header";
    }
  }

  /** http-header: any occurrence of the named header matches any value, case-insensitive. */
  record Header(String name, String lowerName, List<Glob> globs, List<Regex> regexes)
      implements Patterns {
    @Override
    public boolean matches(PreparedRequest request) {
      String[] names = request.headerNames;
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(lowerName)
            && (Condition.anyGlob(globs, request.headerValues[i])
                || Condition.anyRegex(regexes, request.request.headers().get(i).value()))) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String whyNot(PreparedRequest request) {
      List<String> seen = new ArrayList<>();
      for (int i = 0; i < request.headerNames.length; i++) {
        if (request.headerNames[i].equals(lowerName)) {
          seen.add(request.request.headers().get(i).value());
        }
      }
      return seen.isEmpty()
          ? describe() + ": the request has no " + name + " header"
          : describe() + " does not match " + String.join(", ", seen);
    }

    @Override
    public String type() {
      return "http-header";
    }

    @Override
    public String describe() {
      return type() + " " + name + " " + Condition.list(globs, regexes);
    }
  }

  /** One key/value pair of a query-string condition; a null key matches any key. */
  record Pair(Glob key, Glob value) {
    boolean matches(String actualKey, String actualValue) {
      return (key == null || key.matches(actualKey)) && value.matches(actualValue);
    }

    @Override
    public String toString() {
      return key == null ? value.source() : key.source() + "=" + value.source();
    }
  }

  /** query-string: any listed pair present among the query's pairs, case-insensitive. */
  record Query(List<Pair> pairs) implements Condition {
    @Override
    public boolean matches(PreparedRequest request) {
      String[] keys = request.queryKeys();
      String[] values = request.queryValues();
      for (int p = 0, n = pairs.size(); p < n; p++) {
        Pair pair = pairs.get(p);
        for (int i = 0; i < keys.length; i++) {
          if (pair.matches(keys[i], values[i])) {
            return true;
          }
        }
      }
      return false;
    }

    @Override
    public String whyNot(PreparedRequest request) {
      String query = request.request.query();
      return query == null || query.isEmpty()
          ? describe() + ": the request has no query string"
          : describe() + " not present in ?" + query;
    }

    @Override
    public String type() {
      return "query-string";
    }

    @Override
    public String describe() {
      return type() + " " + Condition.list(pairs, List.of());
    }

    @Override
    public int valueCount() {
      return pairs.size();
    }

    @Override
    public int wildcardCount() {
      int count = 0;
      for (Pair pair : pairs) {
        count += pair.value().wildcards() + (pair.key() == null ? 0 : pair.key().wildcards());
      }
      return count;
    }
  }

  /** http-request-method: exact, case-sensitive. */
  record Method(List<String> methods) implements Condition {
    @Override
    public boolean matches(PreparedRequest request) {
      String method = request.method;
      for (int i = 0, n = methods.size(); i < n; i++) {
        if (methods.get(i).equals(method)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String whyNot(PreparedRequest request) {
      return describe() + " does not match " + request.method;
    }

    @Override
    public String type() {
      return "http-request-method";
    }

    @Override
    public String describe() {
      return type() + " " + Condition.list(methods, List.of());
    }

    @Override
    public int valueCount() {
      return methods.size();
    }
  }

  /** source-ip: the TCP peer address inside a CIDR block; X-Forwarded-For is never consulted. */
  record SourceIp(List<Cidr> blocks) implements Condition {
    @Override
    public boolean matches(PreparedRequest request) {
      byte[] address = request.sourceIp();
      if (address == null) {
        return false;
      }
      for (int i = 0, n = blocks.size(); i < n; i++) {
        if (blocks.get(i).contains(address)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public String whyNot(PreparedRequest request) {
      if (request.sourceIp() == null) {
        return describe()
            + ": no source address given (--source-ip; X-Forwarded-For is never used)";
      }
      return describe() + " does not contain " + request.request.sourceIp();
    }

    @Override
    public String type() {
      return "source-ip";
    }

    @Override
    public String describe() {
      return type() + " " + Condition.list(blocks, List.of());
    }

    @Override
    public int valueCount() {
      return blocks.size();
    }
  }

  /** A regex value compiled once with the chosen anchoring and case rule. */
  record Regex(String source, Pattern pattern) {
    /** Compiles {@code source}; {@code full} anchors it at both ends. */
    static Regex compile(String source, boolean full, boolean ignoreCase) {
      String text = full ? "\\A(?:" + source + ")\\z" : source;
      try {
        return new Regex(source, Pattern.compile(text, ignoreCase ? Pattern.CASE_INSENSITIVE : 0));
      } catch (PatternSyntaxException e) {
        throw new RuleCompilationException(e.getMessage(), e);
      }
    }

    @Override
    public String toString() {
      return "regex " + source;
    }
  }

  private static boolean anyGlob(List<Glob> globs, String value) {
    for (int i = 0, n = globs.size(); i < n; i++) {
      if (globs.get(i).matches(value)) {
        return true;
      }
    }
    return false;
  }

  private static boolean anyRegex(List<Regex> regexes, String value) {
    for (int i = 0, n = regexes.size(); i < n; i++) {
      if (regexes.get(i).pattern().matcher(value).find()) {
        return true;
      }
    }
    return false;
  }

  private static String list(List<?> values, List<Regex> regexes) {
    List<String> all = new ArrayList<>();
    for (Object value : values) {
      all.add(value.toString());
    }
    all.addAll(regexes.stream().map(Regex::toString).toList());
    return all.size() == 1 ? all.get(0) : all.toString();
  }
}
