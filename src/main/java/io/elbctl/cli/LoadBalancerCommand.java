package io.elbctl.cli;

import picocli.CommandLine.Command;

/** {@code elbctl load-balancer}: runs the load-balancer provisioning step alone. */
@Command(
    name = "load-balancer",
    description =
        "Step 4: create the load balancer (and its security group), wait until active, then the listeners.")
public final class LoadBalancerCommand extends StepCommand {}
