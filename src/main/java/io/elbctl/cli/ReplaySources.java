package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.LogPipeline;
import io.elbctl.sim.ReplayWindow;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The logs a {@code --replay} argument names, in the order they are read: standard input ({@code
 * -}), one file, the {@code .log} and {@code .gz} files of a folder and its subfolders in name
 * order, or the objects under an {@code s3://bucket/prefix} in key order. Files whose ALB name puts
 * them wholly outside the window are skipped unread and counted.
 */
abstract class ReplaySources implements Iterable<LogPipeline.Source>, AutoCloseable {
  private long skipped;

  /** Files or objects left unread because their names put them outside the window. */
  long skipped() {
    return skipped;
  }

  /** Keeps the source named {@code name} unless the window rules it out by name. */
  boolean keep(ReplayWindow window, String name) {
    if (window.mayHold(name)) {
      return true;
    }
    skipped++;
    return false;
  }

  @Override
  public void close() {}

  /** The sources {@code argument} names; {@code s3} opens the S3 ones. */
  static ReplaySources resolve(String argument, ReplayWindow window, S3Opener s3) {
    if (argument.startsWith("s3://")) {
      return s3.open(argument, window);
    }
    if (argument.equals("-")) {
      return of(List.of(source("standard input", ReplaySources::standardInput)));
    }
    Path path = Path.of(argument);
    if (Files.isDirectory(path)) {
      return folder(path, window);
    }
    if (!Files.exists(path)) {
      throw new ElbctlException(ExitCode.ERROR, "no such file or folder: " + argument);
    }
    return of(List.of(LogPipeline.file(argument, path)));
  }

  /** Opens the sources under an {@code s3://} URL; only called for one. */
  interface S3Opener {
    ReplaySources open(String url, ReplayWindow window);
  }

  private static ReplaySources folder(Path folder, ReplayWindow window) {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(
                  f -> {
                    String name = f.getFileName().toString();
                    return name.endsWith(".log") || name.endsWith(".gz");
                  })
              .sorted(
                  (a, b) ->
                      folder.relativize(a).toString().compareTo(folder.relativize(b).toString()))
              .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new ElbctlException(
          ExitCode.ERROR, "cannot list the folder " + folder + ": " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw new ElbctlException(
          ExitCode.ERROR, "the folder " + folder + " holds no .log or .gz files");
    }
    ReplaySources sources =
        new ReplaySources() {
          @Override
          public Iterator<LogPipeline.Source> iterator() {
            return files.stream()
                .filter(f -> keep(window, f.getFileName().toString()))
                .map(f -> LogPipeline.file(f.toString(), f))
                .iterator();
          }
        };
    return sources;
  }

  private static ReplaySources of(List<LogPipeline.Source> list) {
    return new ReplaySources() {
      @Override
      public Iterator<LogPipeline.Source> iterator() {
        return list.iterator();
      }
    };
  }

  /** Opens a source's bytes. */
  interface Opener {
    InputStream open() throws IOException;
  }

  static LogPipeline.Source source(String name, Opener opener) {
    return new LogPipeline.Source() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public InputStream open() throws IOException {
        return opener.open();
      }
    };
  }

  private static InputStream standardInput() {
    return new FilterInputStream(System.in) {
      @Override
      public void close() {
        // Standard input belongs to the process.
      }
    };
  }
}
