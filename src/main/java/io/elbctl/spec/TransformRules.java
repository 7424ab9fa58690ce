package io.elbctl.spec;

import java.util.List;

/**
 * Checks a rule's transforms against ALB's limits: regex and replacement at most 1024 characters
 * each, a regex ALB accepts, and transforms only in front of a forward (elsewhere ALB has nothing
 * to rewrite).
 */
final class TransformRules extends SpecRules {
  static final int MAX_LENGTH = 1024;

  TransformRules(Spec spec, List<Problem> problems) {
    super(spec, problems);
  }

  void transforms(String path, Transforms transforms, Action action) {
    if (transforms.isEmpty()) {
      return;
    }
    rewrite(path + ".hostHeaderRewrite", transforms.hostHeaderRewrite());
    rewrite(path + ".urlRewrite", transforms.urlRewrite());
    if (action != null && !(action instanceof ForwardAction)) {
      warning(
          path,
          "transforms rewrite a request before it is forwarded; this rule's "
              + action.type()
              + " action never uses them");
    }
  }

  private void rewrite(String path, Rewrite rewrite) {
    if (rewrite == null || rewrite.regex() == null || rewrite.replace() == null) {
      return;
    }
    if (rewrite.regex().isEmpty()) {
      error(path + ".regex", "must not be empty");
    } else if (rewrite.regex().length() > MAX_LENGTH) {
      error(
          path + ".regex",
          "must be at most " + MAX_LENGTH + " characters, got " + rewrite.regex().length());
    } else {
      String problem = ConditionRules.regexProblem(rewrite.regex());
      if (problem != null) {
        error(path + ".regex", problem);
      }
    }
    if (rewrite.replace().length() > MAX_LENGTH) {
      error(
          path + ".replace",
          "must be at most " + MAX_LENGTH + " characters, got " + rewrite.replace().length());
    }
  }
}
