package io.elbctl.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * Reports the version and commit that the build wrote into {@code version.properties} next to this
 * class, and the Java runtime elbctl runs on.
 */
public final class VersionProvider implements IVersionProvider {
  static final String RESOURCE = "version.properties";

  @Override
  public String[] getVersion() {
    Properties build = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        build.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = build.getProperty("version", "development build");
    String commit = build.getProperty("commit", "");
    return new String[] {
      "elbctl " + version,
      "commit " + (commit.isBlank() ? "unknown" : commit),
      "Java "
          + System.getProperty("java.runtime.version")
          + " ("
          + System.getProperty("java.vendor")
          + ", "
          + System.getProperty("java.vm.name")
          + ") at "
          + System.getProperty("java.home")
    };
  }
}
