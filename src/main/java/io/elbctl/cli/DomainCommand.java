package io.elbctl.cli;

import picocli.CommandLine.Command;

/** {@code elbctl domain}: runs the domain provisioning step alone. */
@Command(
    name = "domain",
    description = "Step 1: check that the public hosted zone of domain.hostedZone exists.")
public final class DomainCommand extends StepCommand {}
