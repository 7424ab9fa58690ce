package io.elbctl.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Checks rule conditions against ALB's syntax and per-rule quotas. */
final class ConditionRules extends SpecRules {
  static final int MAX_VALUES_PER_CONDITION = 3;
  static final int MAX_SOURCE_IPS_PER_CONDITION = 5;
  static final int MAX_EVALUATIONS_PER_RULE = 5;
  static final int MAX_WILDCARDS_PER_RULE = 5;
  static final int MAX_VALUE_LENGTH = 128;
  private static final Pattern PATH_CHARS = Pattern.compile("[A-Za-z0-9_\\-.$/~\"'@:+&*?]*");
  private static final Pattern HOST_CHARS = Pattern.compile("[A-Za-z0-9_\\-.*?]*");
  private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+\\-.^_`|~A-Za-z0-9]{1,40}");
  private static final Pattern METHOD = Pattern.compile("[A-Z_-]{1,40}");
  private static final Pattern QUERY_CHARS =
      Pattern.compile("[A-Za-z0-9_\\-.$/~\"'@:+&()!,;=*?\\\\]*");
  private static final Pattern UNSUPPORTED_REGEX =
      Pattern.compile("\\(\\?[=!>]|\\(\\?<[=!]|\\\\[1-9]|[*+?}][+]|\\\\[pP]\\{");

  ConditionRules(Spec spec, List<Problem> problems) {
    super(spec, problems);
  }

  void conditions(String path, Conditions c) {
    if (c.isEmpty()) {
      error(
          path,
          "a rule needs at least one condition (the listener's defaultAction handles the rest)");
      return;
    }
    int evaluations = 0;
    int wildcards = 0;
    if (!c.pathPatterns().isEmpty() && !c.pathRegexes().isEmpty()) {
      error(path, "pathPatterns and pathRegexes cannot both be set: a rule has one path condition");
    }
    if (!c.hostHeaders().isEmpty() && !c.hostRegexes().isEmpty()) {
      error(path, "hostHeaders and hostRegexes cannot both be set: a rule has one host condition");
    }
    evaluations += valueCount(path + ".pathPatterns", c.pathPatterns(), MAX_VALUES_PER_CONDITION);
    for (int i = 0; i < c.pathPatterns().size(); i++) {
      wildcards +=
          pathPattern(path + ".pathPatterns[" + i + "]", c.pathPatterns().get(i), c.pathPatterns());
    }
    evaluations += valueCount(path + ".pathRegexes", c.pathRegexes(), MAX_VALUES_PER_CONDITION);
    regexes(path + ".pathRegexes", c.pathRegexes());
    evaluations += valueCount(path + ".hostHeaders", c.hostHeaders(), MAX_VALUES_PER_CONDITION);
    for (int i = 0; i < c.hostHeaders().size(); i++) {
      wildcards += hostHeader(path + ".hostHeaders[" + i + "]", c.hostHeaders().get(i));
    }
    evaluations += valueCount(path + ".hostRegexes", c.hostRegexes(), MAX_VALUES_PER_CONDITION);
    regexes(path + ".hostRegexes", c.hostRegexes());
    for (int h = 0; h < c.httpHeaders().size(); h++) {
      HttpHeaderCondition header = c.httpHeaders().get(h);
      String headerPath = path + ".httpHeaders[" + h + "]";
      if (!HEADER_NAME.matcher(header.name()).matches()) {
        error(
            headerPath + ".name",
            "must be 1-40 characters of a header name (letters, digits, ! # $ % & ' * + - . ^ _ ` | ~), got \""
                + header.name()
                + "\"");
      } else if (header.name().equalsIgnoreCase("host")) {
        error(headerPath + ".name", "Host cannot be an http-header condition; use hostHeaders");
      }
      if (header.values().isEmpty() && header.regexValues().isEmpty()) {
        error(headerPath, "needs values or regexValues");
      } else if (!header.values().isEmpty() && !header.regexValues().isEmpty()) {
        error(headerPath, "values and regexValues cannot both be set");
      }
      evaluations += valueCount(headerPath + ".values", header.values(), MAX_VALUES_PER_CONDITION);
      evaluations +=
          valueCount(headerPath + ".regexValues", header.regexValues(), MAX_VALUES_PER_CONDITION);
      for (int i = 0; i < header.values().size(); i++) {
        String value = header.values().get(i);
        lengthAndVisible(headerPath + ".values[" + i + "]", value);
        wildcards += Glob.of(value).wildcards();
      }
      regexes(headerPath + ".regexValues", header.regexValues());
    }
    evaluations += valueCount(path + ".queryStrings", c.queryStrings(), MAX_VALUES_PER_CONDITION);
    for (int q = 0; q < c.queryStrings().size(); q++) {
      QueryStringCondition pair = c.queryStrings().get(q);
      String pairPath = path + ".queryStrings[" + q + "]";
      if (pair.key() != null) {
        queryValue(pairPath + ".key", pair.key());
        wildcards += Glob.queryString(pair.key()).wildcards();
      }
      queryValue(pairPath + ".value", pair.value());
      wildcards += Glob.queryString(pair.value()).wildcards();
    }
    evaluations += valueCount(path + ".methods", c.methods(), MAX_VALUES_PER_CONDITION);
    for (int i = 0; i < c.methods().size(); i++) {
      String method = c.methods().get(i);
      if (!METHOD.matcher(method).matches()) {
        error(
            path + ".methods[" + i + "]",
            "must be 1-40 characters of A-Z, - and _ (methods are case-sensitive), got \""
                + method
                + "\"");
      }
    }
    if (c.methods().contains("GET") && !c.methods().contains("HEAD")) {
      warning(path + ".methods", "routes GET but not HEAD; AWS advises routing both alike");
    }
    evaluations += valueCount(path + ".sourceIps", c.sourceIps(), MAX_SOURCE_IPS_PER_CONDITION);
    for (int i = 0; i < c.sourceIps().size(); i++) {
      String cidr = c.sourceIps().get(i);
      if (!IpAddress.isCidr(cidr)) {
        error(
            path + ".sourceIps[" + i + "]",
            "\"" + cidr + "\" is not a CIDR block such as 203.0.113.0/24 or 2001:db8::/32");
      }
    }
    if (evaluations > MAX_EVALUATIONS_PER_RULE) {
      error(
          path,
          "a rule allows at most "
              + MAX_EVALUATIONS_PER_RULE
              + " condition values in all, got "
              + evaluations);
    }
    if (wildcards > MAX_WILDCARDS_PER_RULE) {
      error(
          path,
          "a rule allows at most "
              + MAX_WILDCARDS_PER_RULE
              + " wildcards (* and ?) in all, got "
              + wildcards);
    }
  }

  private int valueCount(String path, List<?> values, int max) {
    if (values.size() > max) {
      error(path, "a condition allows at most " + max + " values, got " + values.size());
    }
    Set<Object> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      if (!seen.add(values.get(i))) {
        warning(path + "[" + i + "]", "duplicate value " + values.get(i));
      }
    }
    return values.size();
  }

  private int pathPattern(String path, String pattern, List<String> siblings) {
    if (!lengthAndVisible(path, pattern)) {
      return 0;
    }
    if (!PATH_CHARS.matcher(pattern).matches()) {
      error(
          path,
          "\""
              + pattern
              + "\" has characters a path pattern cannot hold (allowed: A-Z a-z 0-9 _ - . $ / ~ \" ' @ : + & * ?); use pathRegexes");
      return Glob.of(pattern).wildcards();
    }
    if (!pattern.startsWith("/") && !pattern.startsWith("*") && !pattern.startsWith("?")) {
      warning(path, "\"" + pattern + "\" does not start with / and can never match a request path");
    }
    if (pattern.contains("**")) {
      warning(
          path,
          "\""
              + pattern
              + "\": ALB has no globstar; ** is two * (each already spans /) and costs two wildcards");
    }
    if (pattern.endsWith("/*") && pattern.length() > 2) {
      String bare = pattern.substring(0, pattern.length() - 2);
      if (!bare.contains("*") && !bare.contains("?") && !siblings.contains(bare)) {
        warning(
            path,
            "\""
                + pattern
                + "\" does not match \""
                + bare
                + "\" itself; add \""
                + bare
                + "\" if that path belongs here too");
      }
    }
    return Glob.of(pattern).wildcards();
  }

  private int hostHeader(String path, String host) {
    if (!lengthAndVisible(path, host)) {
      return 0;
    }
    if (host.contains(":")) {
      error(
          path,
          "\"" + host + "\" cannot hold a port; use hostRegexes such as \"^example\\.com:8443$\"");
    } else if (!HOST_CHARS.matcher(host).matches()) {
      error(path, "\"" + host + "\" may hold only letters, digits, - . _ and the wildcards * ?");
    } else if (host.endsWith(".")) {
      error(path, "\"" + host + "\" must not end with a dot");
    } else {
      int dot = host.lastIndexOf('.');
      if (dot < 0 || !host.substring(dot + 1).matches("[A-Za-z*?]+")) {
        error(path, "\"" + host + "\" must contain a dot and end in letters (no IP addresses)");
      }
    }
    return Glob.of(host).wildcards();
  }

  private void queryValue(String path, String value) {
    if (lengthAndVisible(path, value) && !QUERY_CHARS.matcher(value).matches()) {
      error(
          path,
          "\""
              + value
              + "\" has characters a query-string condition cannot hold (allowed: letters, digits, _-.$/~\"'@:+&()!,;= and * ?)");
    }
  }

  private boolean lengthAndVisible(String path, String value) {
    if (value.isEmpty()) {
      error(path, "must not be empty");
      return false;
    }
    if (value.length() > MAX_VALUE_LENGTH) {
      error(path, "must be at most " + MAX_VALUE_LENGTH + " characters, got " + value.length());
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch < 0x20 || ch > 0x7e) {
        error(path, "must hold only visible ASCII characters");
        return false;
      }
    }
    return true;
  }

  private void regexes(String path, List<String> regexes) {
    for (int i = 0; i < regexes.size(); i++) {
      String regex = regexes.get(i);
      String regexPath = path + "[" + i + "]";
      if (!lengthAndVisible(regexPath, regex)) {
        continue;
      }
      String problem = regexProblem(regex);
      if (problem != null) {
        error(regexPath, problem);
      }
    }
  }

  /** Why ALB would refuse {@code regex}, or null when it is a regex ALB takes. */
  static String regexProblem(String regex) {
    if (UNSUPPORTED_REGEX.matcher(regex).find()) {
      return "\""
          + regex
          + "\" uses a feature ALB regexes lack (lookaround, backreferences, atomic or possessive groups, Unicode classes)";
    }
    try {
      Pattern.compile(regex);
      return null;
    } catch (PatternSyntaxException e) {
      return "\"" + regex + "\" is not a valid regular expression: " + e.getDescription();
    }
  }
}
