package io.elbctl.plan;

/** One changed attribute of a resource: its name, the live value and the wanted value. */
public record Field(String name, String oldValue, String newValue) {
  /** A field whose values are rendered with {@code String.valueOf}. */
  public static Field of(String name, Object oldValue, Object newValue) {
    return new Field(name, String.valueOf(oldValue), String.valueOf(newValue));
  }
}
