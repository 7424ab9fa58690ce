package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** The {@code --wait-timeout} flag of commands that wait for ACM, the load balancer or DNS. */
public final class WaitOptions {
  private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

  @Option(
      names = "--wait-timeout",
      paramLabel = "DURATION",
      defaultValue = "45m",
      description =
          "Longest wait for the certificate, the load balancer or DNS, e.g. 45m, 90s, 1h"
              + " (default: ${DEFAULT-VALUE}); exit code 5 when it passes.")
  String waitTimeout = "45m";

  public Duration timeout() {
    Matcher m = DURATION.matcher(waitTimeout.trim());
    if (waitTimeout.isBlank() || !m.matches()) {
      throw new ElbctlException(
          ExitCode.USAGE,
          "--wait-timeout: expected a duration like 45m, 90s or 1h, got " + waitTimeout);
    }
    long seconds = 0;
    seconds += m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3600;
    seconds += m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60;
    seconds += m.group(3) == null ? 0 : Long.parseLong(m.group(3));
    return Duration.ofSeconds(seconds);
  }
}
