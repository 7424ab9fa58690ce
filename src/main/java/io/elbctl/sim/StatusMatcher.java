package io.elbctl.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * A health-check success-code matcher: a list of codes and ranges such as {@code 200}, {@code
 * 200,202} or {@code 200-399} (a mix of both is accepted).
 */
public record StatusMatcher(String source, List<int[]> ranges) {

  /** Parses a matcher; throws {@link RuleCompilationException} naming the bad part. */
  public static StatusMatcher parse(String text) {
    List<int[]> ranges = new ArrayList<>();
    for (String part : text.split(",")) {
      String item = part.trim();
      int dash = item.indexOf('-');
      try {
        if (dash > 0) {
          int low = Integer.parseInt(item.substring(0, dash).trim());
          int high = Integer.parseInt(item.substring(dash + 1).trim());
          if (low > high) {
            throw new RuleCompilationException(
                "matcher range '" + item + "' has its bounds reversed");
          }
          ranges.add(new int[] {low, high});
        } else {
          int code = Integer.parseInt(item);
          ranges.add(new int[] {code, code});
        }
      } catch (NumberFormatException e) {
        throw new RuleCompilationException(
            "matcher '" + text + "' is not a list of codes or ranges");
      }
    }
    return new StatusMatcher(text, List.copyOf(ranges));
  }

  /** True when {@code status} counts as a passing check. */
  public boolean accepts(int status) {
    for (int[] range : ranges) {
      if (status >= range[0] && status <= range[1]) {
        return true;
      }
    }
    return false;
  }

  /** True when any code in [low, high] is accepted. */
  public boolean acceptsAnyOf(int low, int high) {
    for (int[] range : ranges) {
      if (range[0] <= high && range[1] >= low) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return source;
  }
}
