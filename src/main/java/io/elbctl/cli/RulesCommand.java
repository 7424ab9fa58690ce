package io.elbctl.cli;

import picocli.CommandLine.Command;

/** {@code elbctl rules}: runs the rules provisioning step alone. */
@Command(
    name = "rules",
    description =
        "Step 5: make the listener rules match the spec (create, modify, move, then delete).")
public final class RulesCommand extends StepCommand {}
