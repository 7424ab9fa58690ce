package io.elbctl.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The {@code --wait-timeout} flag of commands that wait for ACM, the load balancer or DNS. */
public final class WaitOptions {
  @Option(
      names = "--wait-timeout",
      paramLabel = "DURATION",
      defaultValue = "45m",
      converter = HoursMinutesSeconds.class,
      description =
          "Longest wait for the certificate, the load balancer or DNS, e.g. 45m, 90s, 1h"
              + " (default: ${DEFAULT-VALUE}); exit code 5 when it passes.")
  Duration waitTimeout;

  public Duration timeout() {
    return waitTimeout;
  }

  /** Reads {@code 1h}, {@code 45m}, {@code 90s} or a combination such as {@code 1h30m}. */
  static final class HoursMinutesSeconds implements ITypeConverter<Duration> {
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    @Override
    public Duration convert(String value) {
      Matcher m = DURATION.matcher(value.trim());
      if (value.isBlank() || !m.matches()) {
        throw new TypeConversionException(
            "expected a duration like 45m, 90s or 1h, got '" + value + "'");
      }
      long seconds = 0;
      seconds += m.group(1) == null ? 0 : Long.parseLong(m.group(1)) * 3600;
      seconds += m.group(2) == null ? 0 : Long.parseLong(m.group(2)) * 60;
      seconds += m.group(3) == null ? 0 : Long.parseLong(m.group(3));
      return Duration.ofSeconds(seconds);
    }
  }
}
