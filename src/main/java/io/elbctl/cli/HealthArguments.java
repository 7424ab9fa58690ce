package io.elbctl.cli;

import io.elbctl.sim.HealthTimeline;
import io.elbctl.sim.ProbeOutcome;
import java.net.URI;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The values of {@code simulate}'s health flags, read by picocli; the groups and targets they name
 * are checked against the spec later.
 */
final class HealthArguments {
  private HealthArguments() {}

  /** One {@code --health-timeline GROUP[/TARGET]=OUTCOMES} statement. */
  record Timeline(String subject, List<ProbeOutcome> outcomes) {}

  /** Reads {@code GROUP[/TARGET]=OUTCOMES}, e.g. {@code backend=200,500,timeout}. */
  static final class TimelineConverter implements ITypeConverter<Timeline> {
    @Override
    public Timeline convert(String statement) {
      int equals = statement.indexOf('=');
      if (equals <= 0) {
        throw new TypeConversionException("'" + statement + "' names no outcomes");
      }
      try {
        return new Timeline(
            statement.substring(0, equals), HealthTimeline.parse(statement.substring(equals + 1)));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Reads the group of a {@code --probe-url GROUP=URL} mapping. */
  static final class GroupConverter implements ITypeConverter<String> {
    @Override
    public String convert(String group) {
      if (group.isBlank()) {
        throw new TypeConversionException("a mapping names no target group");
      }
      return group;
    }
  }

  /** Reads the URL of a {@code --probe-url GROUP=URL} mapping: a scheme and a host at least. */
  static final class ProbeUrlConverter implements ITypeConverter<URI> {
    @Override
    public URI convert(String url) {
      try {
        URI uri = URI.create(url);
        if (uri.getHost() != null && uri.getScheme() != null) {
          return uri;
        }
      } catch (IllegalArgumentException e) {
        // Said below, the same as a URL without a host.
      }
      throw new TypeConversionException("'" + url + "' is not a URL such as http://localhost:8080");
    }
  }
}
