package io.elbctl.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration as seconds ({@code 5}, {@code 0.5}) or with a unit ({@code 500ms}, {@code 2m}).
 */
final class SecondsConverter implements ITypeConverter<Duration> {
  private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)?");

  @Override
  public Duration convert(String value) {
    Matcher m = DURATION.matcher(value.trim());
    if (!m.matches()) {
      throw new TypeConversionException(
          "expected seconds or a duration like 500ms, 5s or 2m, got '" + value + "'");
    }
    double number = Double.parseDouble(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    double scale =
        switch (unit) {
          case "ms" -> 1e6;
          case "m" -> 60e9;
          case "h" -> 3600e9;
          default -> 1e9;
        };
    return Duration.ofNanos((long) Math.min(Long.MAX_VALUE, number * scale));
  }
}
