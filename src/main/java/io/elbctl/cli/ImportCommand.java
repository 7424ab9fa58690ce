package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.live.SpecImporter;
import io.elbctl.spec.SpecWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code elbctl import}: writes the spec of a load balancer that already runs. */
@Command(
    name = "import",
    description = {
      "Read a live load balancer with read-only calls and write the spec that describes it.",
      "What the spec cannot express is printed as a warning and listed in its importNotes."
    })
public final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec command;
  @ParentCommand ElbctlCommand root;
  @Mixin LiveOptions live;
  @Mixin AwsOptions aws;

  @Option(
      names = {"-o", "--output-file"},
      paramLabel = "FILE",
      description = "Write the spec here (default: stdout).")
  Path file;

  @Option(names = "--force", description = "Overwrite an existing FILE.")
  boolean force;

  @Override
  public Integer call() {
    if (file != null && Files.exists(file) && !force) {
      throw exists();
    }
    SpecImporter.Imported imported;
    try (AwsSession session = new AwsSession(aws, root.env())) {
      imported = SpecImporter.convert(live.read(session));
    }
    String text = Json.pretty(SpecWriter.write(imported.spec(), imported.notes())) + "\n";
    PrintWriter err = command.commandLine().getErr();
    imported.notes().forEach(note -> err.println("elbctl: warning: " + note));
    if (file == null) {
      command.commandLine().getOut().print(text);
      return ExitCode.OK.code;
    }
    try {
      SpecWriter.writeFile(file, text, force);
    } catch (FileAlreadyExistsException e) {
      throw exists();
    } catch (IOException e) {
      throw new ElbctlException(ExitCode.ERROR, "cannot write " + file + ": " + e.getMessage());
    }
    int notes = imported.notes().size();
    err.println(
        "Wrote " + file + (notes == 0 ? "." : " (partial: " + notes + " note(s) in importNotes)."));
    return ExitCode.OK.code;
  }

  private ElbctlException exists() {
    return new ElbctlException(ExitCode.ERROR, file + " exists; use --force to overwrite it.");
  }
}
