package io.elbctl.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What every section check of {@link SpecValidator} shares: the spec, the one list of problems in
 * document order, and the small checks (names, ids, enumerations, ranges, ports).
 */
abstract class SpecRules {
  private static final Pattern RESOURCE_NAME =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?");

  final Spec spec;
  final List<Problem> problems;

  SpecRules(Spec spec, List<Problem> problems) {
    this.spec = spec;
    this.problems = problems;
  }

  void error(String path, String message) {
    problems.add(Problem.error(path, message));
  }

  void warning(String path, String message) {
    problems.add(Problem.warning(path, message));
  }

  void resourceName(String path, String name) {
    if (name.length() > 32) {
      error(path, "must be at most 32 characters, got " + name.length());
    } else if (!RESOURCE_NAME.matcher(name).matches()) {
      error(
          path,
          "must contain only letters, digits and hyphens, and must not begin or end with a hyphen");
    }
  }

  void ids(String path, List<String> values, Pattern pattern, String expected) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      if (!pattern.matcher(value).matches()) {
        error(path + "[" + i + "]", "\"" + value + "\" is not " + expected);
      } else if (!seen.add(value)) {
        error(path + "[" + i + "]", "duplicate \"" + value + "\"");
      }
    }
  }

  void oneOf(String path, String value, String... allowed) {
    if (value == null) {
      return;
    }
    for (String candidate : allowed) {
      if (candidate.equals(value)) {
        return;
      }
    }
    String suggestion = "";
    for (String candidate : allowed) {
      if (candidate.equalsIgnoreCase(value)) {
        suggestion = " (did you mean \"" + candidate + "\"?)";
      }
    }
    error(
        path,
        "must be one of " + String.join(", ", allowed) + ", got \"" + value + "\"" + suggestion);
  }

  boolean range(String path, Integer value, int low, int high) {
    if (value == null) {
      return false;
    }
    if (value < low || value > high) {
      error(path, "must be " + low + "-" + high + ", got " + value);
      return false;
    }
    return true;
  }

  void port(String path, int port) {
    range(path, port, 1, 65_535);
  }

  static int parsePort(String text) {
    if (text == null || !text.matches("\\d{1,5}")) {
      return -1;
    }
    int port = Integer.parseInt(text);
    return port >= 1 && port <= 65_535 ? port : -1;
  }
}
