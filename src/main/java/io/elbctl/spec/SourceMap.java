package io.elbctl.spec;

import java.util.HashMap;
import java.util.Map;

/** Line and column of each JSON path in a spec file, so problems can point into the file. */
public final class SourceMap {
  private final Map<String, int[]> positions = new HashMap<>();

  public static final SourceMap EMPTY = new SourceMap();

  void put(String path, int line, int column) {
    positions.putIfAbsent(path, new int[] {line, column});
  }

  /** Attaches the position of the problem's path, or of its nearest ancestor that has one. */
  public Problem locate(Problem problem) {
    if (problem.line() > 0) {
      return problem;
    }
    String path = problem.path();
    while (true) {
      int[] position = positions.get(path);
      if (position != null) {
        return problem.at(position[0], position[1]);
      }
      if (path.isEmpty()) {
        return problem;
      }
      path = parent(path);
    }
  }

  static String parent(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    return cut <= 0 ? "" : path.substring(0, cut);
  }
}
