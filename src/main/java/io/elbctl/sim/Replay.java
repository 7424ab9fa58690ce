package io.elbctl.sim;

import io.elbctl.spec.Action;
import io.elbctl.spec.FixedResponseAction;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.RedirectAction;
import io.elbctl.spec.WeightedTargetGroup;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays recorded requests through a compiled spec and counts what each rule and target group
 * receives; or replays them through two specs and reports the requests whose destination changes.
 */
public final class Replay {
  private static final int EXAMPLES = 3;

  private Replay() {}

  /**
   * Requests per rule ({@code 443 rule 10}, {@code 80 default}), per destination, and per desync
   * classification the log recorded ({@code Ambiguous SuspiciousHeader}).
   *
   * @param lines the lines read (blank lines and comments aside)
   * @param unparsed lines that hold no request (or, with a window, no time)
   * @param outside lines whose time lies outside the window
   */
  public record Tally(
      long lines,
      long unparsed,
      long outside,
      long noListener,
      Map<String, Long> rules,
      Map<String, Long> destinations,
      Map<String, Long> classifications) {}

  /** One kind of change between two specs: how many requests moved and a few examples. */
  public record Change(String from, String to, long count, List<String> examples) {}

  /** Requests replayed and the changes found. */
  public record Comparison(
      long lines, long unparsed, long outside, long changed, List<Change> changes) {}

  /** Counts rule hits of one stream's lines (see {@link #tally(Router, Iterable, Options)}). */
  public static Tally tally(Router router, InputStream in) throws IOException {
    return tally(router, List.of(stream(in)), Options.DEFAULT);
  }

  /** Compares one stream's lines (see {@link #compare(Router, Router, Iterable, Options)}). */
  public static Comparison compare(Router before, Router after, InputStream in) throws IOException {
    return compare(before, after, List.of(stream(in)), Options.DEFAULT);
  }

  /** How to read: the time window, the worker threads, and where progress is counted. */
  public record Options(ReplayWindow window, int threads, LogPipeline.Progress progress) {
    public static final Options DEFAULT =
        new Options(ReplayWindow.ALL, 1, new LogPipeline.Progress());
  }

  /**
   * Counts rule hits over every line of {@code sources}; weighted forwards are split by weight,
   * exactly in proportion.
   */
  public static Tally tally(
      Router router, Iterable<? extends LogPipeline.Source> sources, Options options)
      throws IOException {
    List<CompiledListener> listeners = router.listeners();
    List<Counter> counters =
        LogPipeline.run(
            sources,
            options.threads(),
            () -> new Counter(router, options.window()),
            options.progress());
    long[][] counts = new long[listeners.size()][];
    for (int i = 0; i < listeners.size(); i++) {
      counts[i] = new long[listeners.get(i).rules().size() + 1];
    }
    long noListener = 0;
    Scanned scanned = new Scanned();
    for (Counter counter : counters) {
      noListener += counter.noListener;
      scanned.add(counter.scanner);
      for (int i = 0; i < counts.length; i++) {
        for (int r = 0; r < counts[i].length; r++) {
          counts[i][r] += counter.counts[i][r];
        }
      }
    }
    Map<String, Long> rules = new LinkedHashMap<>();
    Map<String, Long> destinations = new LinkedHashMap<>();
    for (int i = 0; i < listeners.size(); i++) {
      CompiledListener listener = listeners.get(i);
      for (int r = 0; r <= listener.rules().size(); r++) {
        long count = counts[i][r];
        if (count == 0) {
          continue;
        }
        Action action = r == 0 ? listener.defaultAction() : listener.rules().get(r - 1).action();
        String name =
            listener.port()
                + " "
                + (r == 0 ? "default" : "rule " + listener.rules().get(r - 1).priority());
        rules.merge(name, count, Long::sum);
        split(action, count, destinations);
      }
    }
    return new Tally(
        scanned.lines,
        scanned.unparsed,
        scanned.outside,
        noListener,
        rules,
        destinations,
        scanned.classifications);
  }

  /** One worker's rule counts: routing without a trace or a decision, only the rule's index. */
  private static final class Counter implements LogPipeline.Worker, LogScanner.Sink {
    private final Router router;
    private final LogScanner scanner;
    private final CompiledListener[] listeners;
    private final int[] ports;
    private final int fallback;
    final long[][] counts;
    long noListener;

    Counter(Router router, ReplayWindow window) {
      this.router = router;
      this.scanner = new LogScanner(window, readsClient(router));
      this.listeners = router.listeners().toArray(CompiledListener[]::new);
      this.ports = new int[listeners.length];
      this.counts = new long[listeners.length][];
      for (int i = 0; i < listeners.length; i++) {
        ports[i] = listeners[i].port();
        counts[i] = new long[listeners[i].rules().size() + 1];
      }
      this.fallback = router.listeners().indexOf(router.defaultListener());
    }

    @Override
    public long chunk(byte[] b, int from, int to, long sequence) {
      return scanner.scan(b, from, to, sequence, this);
    }

    @Override
    public void accept(Request request, long position) {
      int index = request.port() == null ? fallback : index(request.port());
      if (index < 0) {
        noListener++;
        return;
      }
      CompiledListener listener = listeners[index];
      int rule = listener.match(router.prepare(router.complete(request, listener)));
      counts[index][rule + 1]++;
    }

    private int index(int port) {
      for (int i = 0; i < ports.length; i++) {
        if (ports[i] == port) {
          return i;
        }
      }
      return -1;
    }
  }

  /** The scanners' counts added up. */
  private static final class Scanned {
    long lines;
    long unparsed;
    long outside;
    final Map<String, Long> classifications = new TreeMap<>();

    void add(LogScanner scanner) {
      lines += scanner.lines;
      unparsed += scanner.unparsed;
      outside += scanner.outside;
      scanner.classifications.forEach((k, v) -> classifications.merge(k, v, Long::sum));
    }
  }

  /** Whether a rule of {@code router} reads the client address (a source-ip condition). */
  static boolean readsClient(Router router) {
    return router.listeners().stream()
        .flatMap(listener -> listener.rules().stream())
        .flatMap(rule -> rule.conditions().stream())
        .anyMatch(condition -> condition instanceof Condition.SourceIp);
  }

  private static LogPipeline.Source stream(InputStream in) {
    return new LogPipeline.Source() {
      @Override
      public String name() {
        return "input";
      }

      @Override
      public InputStream open() {
        return in;
      }
    };
  }

  private static void split(Action action, long count, Map<String, Long> destinations) {
    if (action instanceof ForwardAction forward) {
      List<WeightedTargetGroup> groups = forward.groups();
      long total = groups.stream().mapToLong(WeightedTargetGroup::weight).sum();
      if (total == 0) {
        destinations.merge("503 (no weight)", count, Long::sum);
        return;
      }
      long given = 0;
      for (int g = 0; g < groups.size(); g++) {
        long share =
            g == groups.size() - 1 ? count - given : count * groups.get(g).weight() / total;
        given += share;
        destinations.merge(groups.get(g).name(), share, Long::sum);
      }
    } else if (action instanceof RedirectAction redirect) {
      destinations.merge("redirect " + RedirectLocation.status(redirect), count, Long::sum);
    } else if (action instanceof FixedResponseAction fixed) {
      destinations.merge("fixed-response " + fixed.statusCode(), count, Long::sum);
    } else {
      throw new AssertionError(action);
    }
  }

  /**
   * Routes every request of {@code sources} through both specs and groups the ones whose
   * destination differs, each with its first few distinct examples in log order.
   */
  public static Comparison compare(
      Router before, Router after, Iterable<? extends LogPipeline.Source> sources, Options options)
      throws IOException {
    List<Comparer> comparers =
        LogPipeline.run(
            sources,
            options.threads(),
            () -> new Comparer(before, after, options.window()),
            options.progress());
    Scanned scanned = new Scanned();
    Map<String, Moved> merged = new LinkedHashMap<>();
    long changed = 0;
    for (Comparer comparer : comparers) {
      scanned.add(comparer.scanner);
      changed += comparer.changed;
      comparer.moved.forEach(
          (key, moved) ->
              merged.computeIfAbsent(key, k -> new Moved(moved.from, moved.to)).add(moved));
    }
    List<Change> sorted = new ArrayList<>();
    for (Moved moved : merged.values()) {
      sorted.add(new Change(moved.from, moved.to, moved.count, moved.examples()));
    }
    sorted.sort((a, b) -> Long.compare(b.count(), a.count()));
    return new Comparison(scanned.lines, scanned.unparsed, scanned.outside, changed, sorted);
  }

  /** One worker's changes. */
  private static final class Comparer implements LogPipeline.Worker, LogScanner.Sink {
    private final Router before;
    private final Router after;
    final LogScanner scanner;
    final Map<String, Moved> moved = new LinkedHashMap<>();
    long changed;

    Comparer(Router before, Router after, ReplayWindow window) {
      this.before = before;
      this.after = after;
      this.scanner = new LogScanner(window, readsClient(before) || readsClient(after));
    }

    @Override
    public long chunk(byte[] b, int from, int to, long sequence) {
      return scanner.scan(b, from, to, sequence, this);
    }

    @Override
    public void accept(Request request, long position) {
      String from = destination(before, request);
      String to = destination(after, request);
      if (from.equals(to)) {
        return;
      }
      changed++;
      moved
          .computeIfAbsent(from + "\u0000" + to, k -> new Moved(from, to))
          .add(request.method() + " " + request.url(), position);
    }
  }

  /**
   * Requests that moved from one destination to another: the count and the first distinct examples
   * with the log position where each was first seen. Any example among the first few distinct of
   * the whole log is among the first few of the worker that saw it first, so merging workers keeps
   * exactly the log's first few.
   */
  private static final class Moved {
    final String from;
    final String to;
    long count;
    private final Map<String, Long> firstSeen = new java.util.HashMap<>();

    Moved(String from, String to) {
      this.from = from;
      this.to = to;
    }

    void add(String example, long position) {
      count++;
      if (firstSeen.size() < EXAMPLES || firstSeen.containsKey(example)) {
        firstSeen.merge(example, position, Math::min);
      }
    }

    void add(Moved other) {
      count += other.count;
      other.firstSeen.forEach((example, position) -> firstSeen.merge(example, position, Math::min));
    }

    List<String> examples() {
      return firstSeen.entrySet().stream()
          .sorted(Map.Entry.comparingByValue())
          .limit(EXAMPLES)
          .map(Map.Entry::getKey)
          .toList();
    }
  }

  private static String destination(Router router, Request request) {
    try {
      Decision decision = router.route(request, HealthView.ALL_HEALTHY);
      return decision.destination();
    } catch (IllegalArgumentException e) {
      return "no listener on port " + request.port();
    }
  }
}
