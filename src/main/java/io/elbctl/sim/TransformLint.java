package io.elbctl.sim;

import io.elbctl.spec.Listener;
import io.elbctl.spec.Problem;
import io.elbctl.spec.Rewrite;
import io.elbctl.spec.Rule;
import io.elbctl.spec.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Transform pitfalls: a replacement that names a capture group its regex lacks fails every request
 * the regex matches, and ALB answers those with 500.
 */
final class TransformLint {
  private TransformLint() {}

  static List<Problem> check(Spec spec) {
    List<Problem> problems = new ArrayList<>();
    List<Listener> listeners = spec.loadBalancer().listeners();
    for (int l = 0; l < listeners.size(); l++) {
      List<Rule> rules = listeners.get(l).rules();
      for (int r = 0; r < rules.size(); r++) {
        String path = "loadBalancer.listeners[" + l + "].rules[" + r + "].transforms";
        Rule rule = rules.get(r);
        missingGroup(path + ".hostHeaderRewrite", rule.transforms().hostHeaderRewrite(), problems);
        missingGroup(path + ".urlRewrite", rule.transforms().urlRewrite(), problems);
      }
    }
    return problems;
  }

  private static void missingGroup(String path, Rewrite rewrite, List<Problem> problems) {
    if (rewrite == null) {
      return;
    }
    int groups = Pattern.compile(rewrite.regex()).matcher("").groupCount();
    int highest = RuleTransforms.highestReference(rewrite.replace());
    if (highest > groups) {
      problems.add(
          Problem.warning(
              path + ".replace",
              "$"
                  + highest
                  + " names a capture group the regex does not have (it has "
                  + groups
                  + "); ALB answers 500 to every request the regex matches"));
    }
  }
}
