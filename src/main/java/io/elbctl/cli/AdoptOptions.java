package io.elbctl.cli;

import picocli.CommandLine.Option;

/** The {@code --adopt} flag of plan and apply. */
public final class AdoptOptions {
  @Option(
      names = "--adopt",
      description =
          "Take over resources in the spec's place that it did not create (same load balancer or"
              + " target group name, a record at an alias name, a rule at a spec priority): tag"
              + " them and manage them from now on.")
  public boolean adopt;
}
