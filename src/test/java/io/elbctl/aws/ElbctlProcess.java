package io.elbctl.aws;

import io.elbctl.cli.Cli;
import io.elbctl.spec.SpecFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * elbctl as a real process: the shaded jar ({@code target/elbctl.jar}, built by {@code mvn
 * package}) started with the JVM flags and class-data archive bin/elbctl uses, its endpoint set to
 * one {@link FaultProxy}. It can be killed with SIGKILL ({@link Process#destroyForcibly} on Linux),
 * so nothing of it runs afterwards: no finally block, no shutdown hook, no lock release.
 */
final class ElbctlProcess implements AutoCloseable {
  private static final Duration LIMIT = Duration.ofMinutes(3);

  private final Process process;
  private final Path out;
  private final Path err;

  private ElbctlProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** Starts {@code elbctl args...} against {@code endpoint}. */
  static ElbctlProcess start(String endpoint, String... args) {
    Path jar = SpecFixtures.projectDir().resolve("target/elbctl.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: these tests run the packaged jar (mvn verify builds it first)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // bin/elbctl's flags for a short-lived run.
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-XX:-UsePerfData"));
    Path archive = cdsArchive();
    if (Files.isRegularFile(archive)) {
      command.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds*=off"));
    }
    command.addAll(List.of("-jar", jar.toString()));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile("elbctl-out", ".txt");
      Path err = Files.createTempFile("elbctl-err", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(SpecFixtures.projectDir().toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("ELBCTL_"));
      env.put("AWS_ENDPOINT_URL", endpoint);
      env.put("AWS_ACCESS_KEY_ID", "testing");
      env.put("AWS_SECRET_ACCESS_KEY", "testing");
      env.put("NO_COLOR", "1");
      return new ElbctlProcess(builder.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The archive the Maven build dumps for this JDK, named as bin/elbctl names it. */
  private static Path cdsArchive() {
    String key =
        (System.getProperty("java.home") + "_" + System.getProperty("java.runtime.version"))
            .replaceAll("[^A-Za-z0-9.-]", "_");
    return SpecFixtures.projectDir().resolve("target/cds/" + key + ".jsa");
  }

  Process process() {
    return process;
  }

  long pid() {
    return process.pid();
  }

  /** Runs {@code elbctl args...} to its end. */
  static Cli.Result run(String endpoint, String... args) {
    try (ElbctlProcess run = start(endpoint, args)) {
      return run.result();
    }
  }

  /** Waits for the process to end and returns its exit code and both streams. */
  Cli.Result result() {
    try {
      if (!process.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        kill();
        throw new IllegalStateException("elbctl ran longer than " + LIMIT + "\n" + streams());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return new Cli.Result(process.exitValue(), read(out), read(err));
  }

  /** SIGKILL, and waits until the process is gone (reaped, so its pid is no longer alive). */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("process " + pid() + " survived SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Both streams so far, for failure messages. */
  String streams() {
    return "--- stdout ---\n" + read(out) + "--- stderr ---\n" + read(err);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
    try {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
