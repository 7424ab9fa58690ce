package io.elbctl.cli;

import picocli.CommandLine.Command;

/** {@code elbctl dns}: runs the dns provisioning step alone. */
@Command(
    name = "dns",
    description =
        "Step 6: UPSERT the alias records to the load balancer and wait until Route 53 is INSYNC.")
public final class DnsCommand extends StepCommand {}
