package io.elbctl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the AWS SDK inside io.elbctl.aws and the planner free of AWS and CLI code. */
class ArchitectureTest {
  private static final Path MAIN = Path.of("src/main/java/io/elbctl");

  @Test
  void onlyTheAwsPackage_importsTheSdk() throws IOException {
    assertThat(importing("software.amazon.", p -> !p.startsWith(MAIN.resolve("aws")))).isEmpty();
  }

  @Test
  void planAndSpec_dependOnNeitherStepsNorAwsNorCli() throws IOException {
    for (String pkg : List.of("plan", "spec")) {
      Path dir = MAIN.resolve(pkg);
      for (String forbidden : List.of("io.elbctl.steps", "io.elbctl.aws", "io.elbctl.cli")) {
        assertThat(importing(forbidden, p -> p.startsWith(dir))).as(pkg).isEmpty();
      }
    }
  }

  private static List<Path> importing(String prefix, java.util.function.Predicate<Path> where)
      throws IOException {
    assertThat(MAIN).isDirectory();
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(where)
          .filter(
              p -> {
                try {
                  return Files.readAllLines(p).stream()
                      .anyMatch(l -> l.startsWith("import " + prefix) || l.contains(" " + prefix));
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              })
          .toList();
    }
  }
}
