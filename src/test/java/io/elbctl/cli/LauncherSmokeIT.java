package io.elbctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.SpecFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs bin/elbctl as a real process from another working directory, after the jar is built. */
class LauncherSmokeIT {
  private record Run(int exit, String out, String err) {}

  private static Run launch(String... args) throws IOException, InterruptedException {
    Path project = SpecFixtures.projectDir();
    List<String> command = new java.util.ArrayList<>();
    command.add(project.resolve("bin/elbctl").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.resolve("src").toFile());
    builder.environment().put("NO_COLOR", "1");
    Process process = builder.start();
    process.getOutputStream().close();
    boolean done = process.waitFor(5, TimeUnit.MINUTES);
    assertThat(done).as("bin/elbctl finished").isTrue();
    return new Run(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void launcher_printsVersion_andValidatesExamples() throws Exception {
    Run version = launch("--version");
    assertThat(version.exit()).as(version.toString()).isZero();
    assertThat(version.out()).startsWith("elbctl 0.1.0");

    for (String example : List.of("oauth2-split.json", "canary-maintenance.json")) {
      Run validate = launch("validate", "../examples/" + example);
      assertThat(validate.exit()).as(validate.toString()).isZero();
      assertThat(validate.out()).contains("is valid");
    }
  }

  @Test
  void launcher_invalidSpec_exitsThree() throws Exception {
    Run run = launch("validate", "../pom.xml");

    assertThat(run.exit()).as(run.toString()).isEqualTo(3);
    assertThat(run.out()).contains("invalid JSON");
    assertThat(run.err()).doesNotContain("Exception");
  }
}
