package io.elbctl.cli;

import picocli.CommandLine.Option;

/** The {@code --force-unlock} flag of commands that take the spec's lock. */
public final class LockOptions {
  @Option(
      names = "--force-unlock",
      description =
          "Remove the spec's lock even if another run seems to hold it (after a run that died"
              + " on another machine).")
  public boolean forceUnlock;
}
