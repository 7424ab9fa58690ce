package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.Replay;
import io.elbctl.sim.Router;
import io.elbctl.sim.Semantics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/** Runs {@code simulate --replay [--compare]} and prints the counts or the changes. */
final class ReplayOutput {
  private ReplayOutput() {}

  static int run(
      Router router,
      String file,
      Path compare,
      Semantics semantics,
      boolean json,
      CommandSpec command,
      Terminal terminal) {
    PrintWriter out = command.commandLine().getOut();
    Router other = null;
    if (compare != null) {
      io.elbctl.spec.Spec otherSpec =
          new SpecOptions().loadQuietly(compare, command.commandLine().getErr());
      other = SimulationSetup.compile(otherSpec, semantics);
    }
    long started = System.nanoTime();
    try (InputStream in = open(file)) {
      if (other != null) {
        Replay.Comparison result = Replay.compare(router, other, in);
        double seconds = (System.nanoTime() - started) / 1e9;
        if (json) {
          ObjectNode node = JsonNodeFactory.instance.objectNode();
          node.put("lines", result.lines());
          node.put("unparsed", result.unparsed());
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
        } else {
          out.println(
              "replayed "
                  + result.lines()
                  + " lines ("
                  + result.unparsed()
                  + " unparsed) in "
                  + String.format(Locale.ROOT, "%.2f s", seconds)
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
        return ExitCode.OK.code;
      }
      Replay.Tally tally = Replay.tally(router, in);
      double seconds = (System.nanoTime() - started) / 1e9;
      if (json) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("lines", tally.lines());
        node.put("unparsed", tally.unparsed());
        node.put("noListener", tally.noListener());
        ObjectNode rules = node.putObject("rules");
        tally.rules().forEach(rules::put);
        ObjectNode destinations = node.putObject("destinations");
        tally.destinations().forEach(destinations::put);
        ObjectNode classifications = node.putObject("classifications");
        tally.classifications().forEach(classifications::put);
        out.println(Json.pretty(node));
      } else {
        long routed = tally.lines() - tally.unparsed() - tally.noListener();
        out.println(
            "replayed "
                + tally.lines()
                + " lines in "
                + String.format(
                    Locale.ROOT,
                    "%.2f s (%,.0f lines/s)",
                    seconds,
                    tally.lines() / Math.max(seconds, 1e-9))
                + (tally.unparsed() > 0 ? "; " + tally.unparsed() + " unparsed" : "")
                + (tally.noListener() > 0
                    ? "; " + tally.noListener() + " for ports without a listener"
                    : ""));
        out.println(terminal.bold("rules (listener, rule):"));
        print(tally.rules(), routed, out);
        out.println(terminal.bold("target groups and load-balancer answers:"));
        print(tally.destinations(), routed, out);
        if (!tally.classifications().isEmpty()) {
          out.println(terminal.bold("desync classifications (not compliant):"));
          print(tally.classifications(), tally.lines() - tally.unparsed(), out);
        }
      }
      return ExitCode.OK.code;
    } catch (NoSuchFileException e) {
      throw new ElbctlException(ExitCode.ERROR, "no such file: " + file);
    } catch (IOException e) {
      throw new ElbctlException(ExitCode.ERROR, "cannot read " + file + ": " + e.getMessage());
    }
  }

  private static void print(Map<String, Long> counts, long total, PrintWriter out) {
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

  private static InputStream open(String file) throws IOException {
    if (file.equals("-")) {
      return new java.io.FilterInputStream(System.in) {
        @Override
        public void close() {
          // Standard input belongs to the process.
        }
      };
    }
    return Files.newInputStream(Path.of(file));
  }
}
