package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.spec.Spec;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One run of a command that reads or changes AWS: the spec it loaded, its session, its terminal and
 * streams. With {@code --output json}, stdout carries one JSON document and {@link #log}, where
 * plans and progress go, is stderr.
 */
final class AwsRun implements AutoCloseable {
  final Spec spec;
  final AwsSession session;
  final Terminal terminal;
  final Map<String, String> env;
  final PrintWriter out;
  final PrintWriter err;
  final PrintWriter log;
  final PlanRenderer renderer;
  private final boolean json;
  private final boolean stats;

  private AwsRun(
      Spec spec,
      AwsSession session,
      RootCommand root,
      CommandSpec command,
      boolean json,
      boolean stats) {
    this.spec = spec;
    this.session = session;
    this.terminal = root.terminal();
    this.env = root.env();
    this.out = command.commandLine().getOut();
    this.err = command.commandLine().getErr();
    this.log = json ? err : out;
    this.renderer = new PlanRenderer(terminal);
    this.json = json;
    this.stats = stats;
  }

  /** Loads the spec (warnings to stderr) and opens the session; {@code output} may be null. */
  static AwsRun open(
      CommandSpec command,
      RootCommand root,
      SpecFileOptions file,
      AwsOptions aws,
      OutputOptions output) {
    Spec spec = file.load(command.commandLine().getErr());
    boolean json = output != null && output.json();
    return new AwsRun(spec, new AwsSession(spec, aws, root.env()), root, command, json, aws.stats);
  }

  boolean json() {
    return json;
  }

  String region() {
    return session.region();
  }

  /** Prints the result: {@code document} as JSON, or the call statistics after the text. */
  void finish(ObjectNode document) {
    renderer.finish(out, document, json, stats ? session.stats : null);
  }

  @Override
  public void close() {
    session.close();
  }
}
