package io.elbctl.cli;

import picocli.CommandLine.Command;

/** {@code elbctl target-groups}: runs the target-groups provisioning step alone. */
@Command(
    name = "target-groups",
    description = "Step 3: create or update the target groups and register their targets.")
public final class TargetGroupsCommand extends StepCommand {}
