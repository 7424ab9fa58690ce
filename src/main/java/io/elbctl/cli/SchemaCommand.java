package io.elbctl.cli;

import io.elbctl.spec.SchemaGenerator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code elbctl schema}: prints the JSON Schema of the spec for editors and CI checks. */
@Command(
    name = "schema",
    description = {
      "Print the JSON Schema of the spec (draft 2020-12).",
      "The same schema is committed as examples/elbctl.schema.json; point \"$schema\" at it."
    })
public final class SchemaCommand implements Callable<Integer> {
  @Spec CommandSpec command;

  @Override
  public Integer call() {
    command.commandLine().getOut().println(Json.pretty(SchemaGenerator.schema()));
    return 0;
  }
}
