package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.spec.Problem;
import io.elbctl.spec.SpecReader;
import io.elbctl.spec.SpecResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code elbctl init}: writes a starter spec for the one-domain frontend/backend setup. */
@Command(
    name = "init",
    description = {
      "Write a starter spec: HTTPS on 443 for one domain, the backend paths forwarded to the",
      "backend port, everything else to the frontend port, and HTTP on 80 redirected to HTTPS."
    })
public final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "Where to write the spec (default: ./" + SpecOptions.DEFAULT_FILE + ").")
  Path file;

  @Mixin StarterOptions starter;

  @Option(names = "--force", description = "Overwrite an existing file.")
  boolean force;

  @Override
  public Integer call() {
    Path target = file != null ? file : Path.of(SpecOptions.DEFAULT_FILE);
    if (Files.exists(target) && !force) {
      throw new ElbctlException(
          ExitCode.ERROR, target + " already exists; use --force to overwrite it.");
    }
    String text = Json.pretty(starter.spec()) + System.lineSeparator();
    SpecResult check = SpecReader.parse(text);
    if (check.hasErrors()) {
      throw new ElbctlException(
          ExitCode.USAGE,
          "these flags make an invalid spec: "
              + check.errors().stream().map(Problem::describe).collect(Collectors.joining("; ")));
    }
    try {
      Files.writeString(target, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ElbctlException(ExitCode.ERROR, "cannot write " + target + ": " + e.getMessage());
    }
    var out = command.commandLine().getOut();
    out.println("Wrote " + target + ".");
    out.println(
        "Next: elbctl validate " + target + "   then   elbctl simulate -f " + target + " /");
    return 0;
  }
}
