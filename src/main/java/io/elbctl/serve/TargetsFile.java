package io.elbctl.serve;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.spec.Spec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A file of {@code GROUP=URL} lines ({@code #} starts a comment) that {@code serve} watches: a
 * target whose line is removed is deregistered and drains, one whose line comes back is registered
 * again. Targets can only be added at start, since their health checks start with {@code serve}.
 */
public final class TargetsFile implements AutoCloseable {
  private final Path path;
  private final Spec spec;
  private final Set<LocalTargets.Mapping> known;
  private final List<String> initial;
  private Set<LocalTargets.Mapping> listed;
  private List<String> seen;
  private ScheduledExecutorService watcher;

  private TargetsFile(Path path, Spec spec, List<String> lines) {
    this.path = path;
    this.spec = spec;
    this.initial = List.copyOf(lines);
    this.seen = initial;
    this.listed = mappings(lines);
    this.known = new LinkedHashSet<>(listed);
  }

  /** Reads the file's mappings at start; a usage error when it cannot be read. */
  public static TargetsFile read(Path path, Spec spec) {
    try {
      return new TargetsFile(path, spec, lines(path));
    } catch (IOException e) {
      throw new ElbctlException(
          ExitCode.USAGE, "--targets-file " + path + " cannot be read: " + e.getMessage());
    }
  }

  /** The {@code GROUP=URL} lines of the file as it was read at start. */
  public List<String> initial() {
    return initial;
  }

  /**
   * Also counts the mappings given on the command line as known, so that listing one of them in the
   * file later registers it again.
   */
  public void alsoKnown(List<String> mappings) {
    known.addAll(mappings(mappings));
  }

  /** Watches the file, applying each change to {@code alb}; {@code events} gets one line each. */
  public void watch(LocalAlb alb, Consumer<String> events) {
    watcher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "targets-file");
              thread.setDaemon(true);
              return thread;
            });
    watcher.scheduleWithFixedDelay(() -> poll(alb, events), 200, 200, TimeUnit.MILLISECONDS);
  }

  private void poll(LocalAlb alb, Consumer<String> events) {
    Set<LocalTargets.Mapping> now;
    try {
      List<String> lines = lines(path);
      if (lines.equals(seen)) {
        return;
      }
      seen = lines;
      now = mappings(lines);
    } catch (IOException | RuntimeException e) {
      events.accept("targets: " + path + " ignored: " + e.getMessage());
      return;
    }
    for (LocalTargets.Mapping gone : listed) {
      if (!now.contains(gone)) {
        alb.deregister(gone.group(), gone.target());
      }
    }
    for (LocalTargets.Mapping back : now) {
      if (listed.contains(back)) {
        continue;
      }
      if (known.contains(back)) {
        alb.register(back.group(), back.target());
      } else {
        events.accept(
            "targets: "
                + back.group()
                + " "
                + back.target().key()
                + " is new; restart serve to add it");
      }
    }
    listed = now;
  }

  private Set<LocalTargets.Mapping> mappings(List<String> lines) {
    Set<LocalTargets.Mapping> out = new LinkedHashSet<>();
    for (String line : lines) {
      out.add(LocalTargets.mapping(spec, line));
    }
    return out;
  }

  private static List<String> lines(Path path) throws IOException {
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(path)) {
      int hash = line.indexOf('#');
      String text = (hash >= 0 ? line.substring(0, hash) : line).trim();
      if (!text.isEmpty()) {
        out.add(text);
      }
    }
    return out;
  }

  @Override
  public void close() {
    if (watcher != null) {
      watcher.shutdownNow();
    }
  }
}
