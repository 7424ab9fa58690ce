package io.elbctl.plan;

import java.util.List;
import java.util.Objects;

/** One changed attribute of a resource: its name, the live value and the wanted value. */
public record Field(String name, String oldValue, String newValue) {
  /** A field whose values are rendered with {@code String.valueOf}. */
  public static Field of(String name, Object oldValue, Object newValue) {
    return new Field(name, String.valueOf(oldValue), String.valueOf(newValue));
  }

  /** Adds a field to {@code fields} when the live and wanted values differ. */
  static void diff(List<Field> fields, String name, Object have, Object want) {
    if (!Objects.equals(have, want)) {
      fields.add(Field.of(name, have, want));
    }
  }
}
