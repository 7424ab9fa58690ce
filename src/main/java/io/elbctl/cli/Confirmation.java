package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The "--yes or ask on a terminal" rule shared by the commands that change AWS. */
final class Confirmation {
  private Confirmation() {}

  /** Off a terminal there is nobody to ask: without --yes the command stops before any change. */
  static void requireYesOffTerminal(
      boolean yes, Terminal terminal, String command, String nothing) {
    if (!yes && !terminal.interactive()) {
      throw new ElbctlException(
          ExitCode.USAGE,
          command + " needs --yes when it is not run on a terminal (nothing was " + nothing + ")");
    }
  }

  /** Asks {@code question}; only the answer "yes" confirms. */
  static boolean ask(PrintWriter log, String question) {
    log.print("\n" + question + " Only 'yes' is accepted: ");
    log.flush();
    try {
      String answer =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return answer != null && answer.trim().equals("yes");
    } catch (IOException e) {
      return false;
    }
  }
}
