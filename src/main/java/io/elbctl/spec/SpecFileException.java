package io.elbctl.spec;

/** The spec file could not be read at all (missing, a directory, unreadable, too large). */
public final class SpecFileException extends Exception {
  public SpecFileException(String message) {
    super(message);
  }
}
