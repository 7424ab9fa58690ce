package io.elbctl;

import java.io.PrintWriter;
import java.io.Writer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Values elbctl must never print (the AWS credentials it was given or resolved), and the writer
 * that masks them in everything the CLI prints, stack traces included.
 */
public final class Secrets {
  private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();
  private static final String MASK = "****";

  private Secrets() {}

  /** Adds a value to mask; short values are ignored so ordinary words are never masked. */
  public static void add(String value) {
    if (value != null && value.length() >= 8) {
      VALUES.add(value);
    }
  }

  public static String redact(String text) {
    String result = text;
    for (String value : VALUES) {
      if (result.contains(value)) {
        result = result.replace(value, MASK);
      }
    }
    return result;
  }

  /** A writer that masks every secret in what passes through it. */
  public static PrintWriter redacting(PrintWriter target) {
    return new PrintWriter(
        new Writer() {
          @Override
          public void write(char[] buffer, int offset, int length) {
            target.write(redact(new String(buffer, offset, length)));
          }

          @Override
          public void write(String text) {
            target.write(redact(text));
          }

          @Override
          public void flush() {
            target.flush();
          }

          @Override
          public void close() {
            target.close();
          }
        },
        true);
  }
}
