package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.LogPipeline;
import io.elbctl.sim.Replay;
import io.elbctl.sim.ReplayWindow;
import io.elbctl.sim.Router;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** Runs {@code simulate --replay [--compare]} and prints the counts or the changes. */
final class ReplayOutput {
  private final PrintWriter out;
  private final Terminal terminal;
  private final boolean json;

  private ReplayOutput(PrintWriter out, Terminal terminal, boolean json) {
    this.out = out;
    this.terminal = terminal;
    this.json = json;
  }

  /**
   * Replays {@code sources} through {@code router} (and {@code other}, when comparing) and prints
   * the result.
   */
  static int run(
      Router router,
      Router other,
      ReplaySources sources,
      ReplayWindow window,
      String argument,
      PrintWriter out,
      PrintWriter err,
      Terminal terminal,
      boolean json) {
    LogPipeline.Progress counters = new LogPipeline.Progress();
    Replay.Options options = new Replay.Options(window, LogPipeline.defaultThreads(), counters);
    ReplayOutput output = new ReplayOutput(out, terminal, json);
    long started = System.nanoTime();
    try (ReplayProgress progress = ReplayProgress.start(counters, err, terminal)) {
      if (other != null) {
        Replay.Comparison result = Replay.compare(router, other, sources, options);
        progress.close();
        output.comparison(result, read(counters, sources, argument), seconds(started));
      } else {
        Replay.Tally tally = Replay.tally(router, sources, options);
        progress.close();
        output.tally(tally, read(counters, sources, argument), seconds(started));
      }
      return ExitCode.OK.code;
    } catch (LogPipeline.UnreadableSource e) {
      throw new ElbctlException(ExitCode.ERROR, "cannot read " + e.getMessage(), e);
    } catch (IOException e) {
      throw new ElbctlException(ExitCode.ERROR, "cannot read " + argument + ": " + e.getMessage());
    }
  }

  /** What was read: logs read and logs skipped by name; none of either is an error. */
  private record Read(long logs, long skipped) {}

  private static Read read(LogPipeline.Progress counters, ReplaySources sources, String argument) {
    if (counters.sources() == 0 && sources.skipped() == 0) {
      throw new ElbctlException(ExitCode.ERROR, "found no .log or .gz logs in " + argument);
    }
    return new Read(counters.sources(), sources.skipped());
  }

  private static double seconds(long started) {
    return (System.nanoTime() - started) / 1e9;
  }

  private void comparison(Replay.Comparison result, Read read, double seconds) {
    if (json) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      counts(node, read, result.lines(), result.unparsed(), result.outside());
      node.put("changed", result.changed());
      ArrayNode changes = node.putArray("changes");
      for (Replay.Change change : result.changes()) {
        ObjectNode item = changes.addObject();
        item.put("from", change.from());
        item.put("to", change.to());
        item.put("count", change.count());
        ArrayNode examples = item.putArray("examples");
        change.examples().forEach(examples::add);
      }
      out.println(Json.pretty(node));
      return;
    }
    out.println(
        summary(read, result.lines(), seconds)
            + notes(read, result.unparsed(), result.outside(), 0)
            + ": "
            + (result.changed() == 0
                ? terminal.green("no request changes destination")
                : terminal.yellow(result.changed() + " requests change destination")));
    for (Replay.Change change : result.changes()) {
      out.println(
          String.format(
              Locale.ROOT, "%10d  %s  →  %s", change.count(), change.from(), change.to()));
      for (String example : change.examples()) {
        out.println(terminal.dim("            e.g. " + example));
      }
    }
  }

  private void tally(Replay.Tally tally, Read read, double seconds) {
    if (json) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      counts(node, read, tally.lines(), tally.unparsed(), tally.outside());
      node.put("noListener", tally.noListener());
      ObjectNode rules = node.putObject("rules");
      tally.rules().forEach(rules::put);
      ObjectNode destinations = node.putObject("destinations");
      tally.destinations().forEach(destinations::put);
      ObjectNode classifications = node.putObject("classifications");
      tally.classifications().forEach(classifications::put);
      out.println(Json.pretty(node));
      return;
    }
    long routed = tally.lines() - tally.unparsed() - tally.outside() - tally.noListener();
    out.println(
        summary(read, tally.lines(), seconds)
            + notes(read, tally.unparsed(), tally.outside(), tally.noListener()));
    out.println(terminal.bold("rules (listener, rule):"));
    print(tally.rules(), routed);
    out.println(terminal.bold("target groups and load-balancer answers:"));
    print(tally.destinations(), routed);
    if (!tally.classifications().isEmpty()) {
      out.println(terminal.bold("desync classifications (not compliant):"));
      print(tally.classifications(), tally.lines() - tally.unparsed() - tally.outside());
    }
  }

  private static void counts(ObjectNode node, Read read, long lines, long unparsed, long outside) {
    node.put("logs", read.logs());
    node.put("skippedLogs", read.skipped());
    node.put("lines", lines);
    node.put("unparsed", unparsed);
    node.put("outsideWindow", outside);
  }

  private static String summary(Read read, long lines, double seconds) {
    return "replayed "
        + lines
        + " lines"
        + (read.logs() == 1 ? "" : " from " + read.logs() + " logs")
        + " in "
        + String.format(
            Locale.ROOT, "%.2f s (%,.0f lines/s)", seconds, lines / Math.max(seconds, 1e-9));
  }

  private static String notes(Read read, long unparsed, long outside, long noListener) {
    return (unparsed > 0 ? "; " + unparsed + " unparsed" : "")
        + (outside > 0 ? "; " + outside + " outside --since/--until" : "")
        + (read.skipped() > 0
            ? "; " + read.skipped() + " logs skipped unread (named for other times)"
            : "")
        + (noListener > 0 ? "; " + noListener + " for ports without a listener" : "");
  }

  private void print(Map<String, Long> counts, long total) {
    counts.forEach(
        (name, count) ->
            out.println(
                String.format(
                    Locale.ROOT,
                    "  %-28s %10d  %5.1f%%",
                    name,
                    count,
                    total == 0 ? 0.0 : 100.0 * count / total)));
  }
}
