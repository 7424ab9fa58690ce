package io.elbctl.steps;

import java.io.IOException;
import java.util.List;

/** Asks DNS for the records of one name and type; replaced by a fake in tests. */
public interface Resolver {
  /** The record values; an {@link IOException} when DNS cannot be reached. */
  List<String> query(String name, String type) throws IOException;

  /** A resolver that never reaches DNS, saying why. */
  static Resolver unavailable(String reason) {
    return (name, type) -> {
      throw new IOException(reason);
    };
  }
}
