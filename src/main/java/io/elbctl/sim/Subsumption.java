package io.elbctl.sim;

import io.elbctl.spec.Glob;
import java.util.List;

/**
 * Whether one compiled rule matches every request another does: condition by condition, each proved
 * through glob inclusion, equal regexes, method sets or CIDR containment. Sound, not complete: a
 * true answer is a proof, a false one may miss a subsumption.
 */
final class Subsumption {
  private Subsumption() {}

  /** True when every request that satisfies {@code inner} also satisfies {@code outer}. */
  static boolean subsumes(CompiledRule outer, CompiledRule inner) {
    for (Condition required : outer.conditions()) {
      boolean covered = false;
      for (Condition have : inner.conditions()) {
        if (within(have, required)) {
          covered = true;
          break;
        }
      }
      if (!covered) {
        return false;
      }
    }
    return true;
  }

  private static boolean within(Condition inner, Condition outer) {
    if (inner instanceof Condition.Path a && outer instanceof Condition.Path b) {
      return globsWithin(a.globs(), b.globs()) && regexesWithin(a.regexes(), b.regexes());
    } else if (inner instanceof Condition.Host a && outer instanceof Condition.Host b) {
      return globsWithin(a.globs(), b.globs()) && regexesWithin(a.regexes(), b.regexes());
    } else if (inner instanceof Condition.Header a && outer instanceof Condition.Header b) {
      return a.lowerName().equals(b.lowerName())
          && globsWithin(a.globs(), b.globs())
          && regexesWithin(a.regexes(), b.regexes());
    } else if (inner instanceof Condition.Query a && outer instanceof Condition.Query b) {
      for (Condition.Pair pair : a.pairs()) {
        boolean found = false;
        for (Condition.Pair candidate : b.pairs()) {
          boolean keyOk =
              candidate.key() == null
                  || (pair.key() != null && pair.key().isWithin(candidate.key()));
          if (keyOk && pair.value().isWithin(candidate.value())) {
            found = true;
            break;
          }
        }
        if (!found) {
          return false;
        }
      }
      return true;
    } else if (inner instanceof Condition.Method a && outer instanceof Condition.Method b) {
      return b.methods().containsAll(a.methods());
    } else if (inner instanceof Condition.SourceIp a && outer instanceof Condition.SourceIp b) {
      for (Cidr block : a.blocks()) {
        if (b.blocks().stream().noneMatch(o -> o.containsBlock(block))) {
          return false;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean globsWithin(List<Glob> inner, List<Glob> outer) {
    for (Glob glob : inner) {
      if (outer.stream().noneMatch(glob::isWithin)) {
        return false;
      }
    }
    return true;
  }

  private static boolean regexesWithin(List<Condition.Regex> inner, List<Condition.Regex> outer) {
    for (Condition.Regex regex : inner) {
      if (outer.stream().noneMatch(o -> o.source().equals(regex.source()))) {
        return false;
      }
    }
    return true;
  }
}
