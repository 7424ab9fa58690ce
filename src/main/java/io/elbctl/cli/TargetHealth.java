package io.elbctl.cli;

import io.elbctl.sim.TargetState;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** One {@code --target-health GROUP[/TARGET]=STATE} statement. */
record TargetHealth(String subject, TargetState state) {
  /** Reads {@code GROUP[/TARGET]=STATE}; the subject is checked against the spec later. */
  static final class Converter implements ITypeConverter<TargetHealth> {
    @Override
    public TargetHealth convert(String statement) {
      int equals = statement.lastIndexOf('=');
      if (equals <= 0) {
        throw new TypeConversionException("'" + statement + "' names no state");
      }
      String state = statement.substring(equals + 1).trim().toLowerCase(Locale.ROOT);
      for (TargetState known : TargetState.values()) {
        if (known.name().equals(state)) {
          return new TargetHealth(statement.substring(0, equals), known);
        }
      }
      throw new TypeConversionException(
          "'" + state + "' is not a state; use healthy, unhealthy, initial, draining or unused");
    }
  }
}
