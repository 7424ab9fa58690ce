package io.elbctl.sim;

import io.elbctl.spec.Action;
import io.elbctl.spec.FixedResponseAction;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.RedirectAction;
import io.elbctl.spec.WeightedTargetGroup;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
   */
  public record Tally(
      long lines,
      long unparsed,
      long noListener,
      Map<String, Long> rules,
      Map<String, Long> destinations,
      Map<String, Long> classifications) {}

  /** One kind of change between two specs: how many requests moved and a few examples. */
  public record Change(String from, String to, long count, List<String> examples) {}

  /** Requests replayed and the changes found. */
  public record Comparison(long lines, long unparsed, long changed, List<Change> changes) {}

  /** Counts rule hits; weighted forwards are split by weight, exactly in proportion. */
  public static Tally tally(Router router, InputStream in) throws IOException {
    List<CompiledListener> listeners = router.listeners();
    long[][] counts = new long[listeners.size()][];
    Map<Integer, Integer> byPort = new HashMap<>();
    for (int i = 0; i < listeners.size(); i++) {
      counts[i] = new long[listeners.get(i).rules().size() + 1];
      byPort.put(listeners.get(i).port(), i);
    }
    int fallback = listeners.indexOf(router.defaultListener());
    long[] noListener = new long[1];
    AccessLog.Stats stats =
        AccessLog.read(
            in,
            request -> {
              Integer index =
                  request.port() == null ? Integer.valueOf(fallback) : byPort.get(request.port());
              if (index == null) {
                noListener[0]++;
                return;
              }
              CompiledListener listener = listeners.get(index);
              PreparedRequest prepared = router.prepare(router.complete(request, listener));
              int rule = listener.match(prepared);
              counts[index][rule + 1]++;
            });
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
        stats.lines(),
        stats.unparsed(),
        noListener[0],
        rules,
        destinations,
        stats.classifications());
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

  /** Routes every request through both specs and groups the ones whose destination differs. */
  public static Comparison compare(Router before, Router after, InputStream in) throws IOException {
    Map<String, Change> changes = new LinkedHashMap<>();
    long[] changed = new long[1];
    AccessLog.Stats stats =
        AccessLog.read(
            in,
            request -> {
              String from = destination(before, request);
              String to = destination(after, request);
              if (from.equals(to)) {
                return;
              }
              changed[0]++;
              String key = from + "\u0000" + to;
              Change old = changes.get(key);
              List<String> examples =
                  old == null ? new ArrayList<>() : new ArrayList<>(old.examples());
              String example = request.method() + " " + request.url();
              if (examples.size() < EXAMPLES && !examples.contains(example)) {
                examples.add(example);
              }
              changes.put(key, new Change(from, to, old == null ? 1 : old.count() + 1, examples));
            });
    List<Change> sorted = new ArrayList<>(changes.values());
    sorted.sort((a, b) -> Long.compare(b.count(), a.count()));
    return new Comparison(stats.lines(), stats.unparsed(), changed[0], sorted);
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
