package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.RouteTests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A routes file of {@code elbctl test} as read: its path and its expectations. */
record RoutesFile(Path path, RouteTests.Suite suite) {
  /** Reads and parses {@code path}; an unreadable or malformed file ends the command (exit 1). */
  static RoutesFile read(Path path) {
    try {
      return new RoutesFile(path, RouteTests.parse(Files.readAllBytes(path)));
    } catch (IOException e) {
      throw new ElbctlException(ExitCode.ERROR, "cannot read " + path + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ElbctlException(ExitCode.ERROR, path + ": " + e.getMessage());
    }
  }

  /**
   * The spec to test: null (the usual default) when {@code -f} is given or the file names none,
   * else the file's "spec", relative to the routes file and shown relative to the working folder.
   */
  Path spec(Path fromFlag) {
    if (fromFlag != null || suite.spec() == null) {
      return null;
    }
    Path parent = path.toAbsolutePath().getParent();
    Path spec = parent == null ? Path.of(suite.spec()) : parent.resolve(suite.spec()).normalize();
    return Path.of("").toAbsolutePath().relativize(spec.toAbsolutePath());
  }
}
