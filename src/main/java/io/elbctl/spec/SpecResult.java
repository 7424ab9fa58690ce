package io.elbctl.spec;

import java.util.List;

/** A bound spec (null when the JSON could not be read at all) and every problem found. */
public record SpecResult(Spec spec, List<Problem> problems) {
  public SpecResult {
    problems = List.copyOf(problems);
  }

  static SpecResult failed(Problem problem) {
    return new SpecResult(null, List.of(problem));
  }

  public boolean hasErrors() {
    return spec == null || problems.stream().anyMatch(Problem::isError);
  }

  public List<Problem> errors() {
    return problems.stream().filter(Problem::isError).toList();
  }

  public List<Problem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }
}
