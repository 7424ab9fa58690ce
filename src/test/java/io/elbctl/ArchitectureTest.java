package io.elbctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.Action;
import io.elbctl.spec.SpecFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the package dependencies pointing one way and the AWS SDK inside one package. */
class ArchitectureTest {
  private static final Path MAIN = SpecFixtures.projectDir().resolve("src/main/java/io/elbctl");

  /** What each package must not import. */
  private static final Map<String, List<String>> FORBIDDEN =
      Map.of(
          "spec",
              List.of(
                  "io.elbctl.cli",
                  "io.elbctl.plan",
                  "io.elbctl.steps",
                  "io.elbctl.aws",
                  "io.elbctl.sim",
                  "io.elbctl.serve"),
          "plan",
              List.of(
                  "io.elbctl.cli",
                  "io.elbctl.steps",
                  "io.elbctl.aws",
                  "io.elbctl.sim",
                  "io.elbctl.serve"),
          "live",
              List.of(
                  "io.elbctl.cli",
                  "io.elbctl.steps",
                  "io.elbctl.aws",
                  "io.elbctl.sim",
                  "io.elbctl.serve"),
          "sim", List.of("io.elbctl.cli", "io.elbctl.steps", "io.elbctl.aws", "io.elbctl.serve"),
          "serve", List.of("io.elbctl.cli", "io.elbctl.steps", "io.elbctl.aws", "io.elbctl.plan"),
          "aws", List.of("io.elbctl.cli", "io.elbctl.steps", "io.elbctl.sim", "io.elbctl.serve"),
          "steps", List.of("io.elbctl.cli", "io.elbctl.sim", "io.elbctl.serve"));

  @Test
  void onlyTheAwsPackage_importsTheAwsSdk() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path file : sources()) {
      boolean inAws = MAIN.relativize(file).startsWith("aws");
      if (!inAws && Files.readString(file).contains("software.amazon.")) {
        offenders.add(MAIN.relativize(file).toString());
      }
    }
    assertThat(offenders).as("files outside io.elbctl.aws that use the AWS SDK").isEmpty();
  }

  @Test
  void packageDependencies_pointOneWay() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path file : sources()) {
      Path relative = MAIN.relativize(file);
      if (relative.getNameCount() < 2) {
        continue;
      }
      List<String> forbidden = FORBIDDEN.getOrDefault(relative.getName(0).toString(), List.of());
      for (String line : Files.readAllLines(file)) {
        for (String prefix : forbidden) {
          if (line.startsWith("import " + prefix + ".")
              || line.startsWith("import static " + prefix + ".")) {
            offenders.add(relative + ": " + line);
          }
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void onlyTheServePackage_importsNetty() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path file : sources()) {
      boolean inServe = MAIN.relativize(file).startsWith("serve");
      if (!inServe && Files.readString(file).contains("import io.netty.")) {
        offenders.add(MAIN.relativize(file).toString());
      }
    }
    assertThat(offenders).as("files outside io.elbctl.serve that use Netty").isEmpty();
  }

  @Test
  void theHttpDecisions_useOnlyTheJdk_andNoSockets() throws IOException {
    List<String> offenders = new ArrayList<>();
    for (Path file : sources()) {
      if (!MAIN.relativize(file).startsWith(Path.of("serve", "http"))) {
        continue;
      }
      for (String line : Files.readAllLines(file)) {
        boolean jdk = line.startsWith("import java.") && !line.startsWith("import java.net.");
        if (line.startsWith("import ") && !jdk) {
          offenders.add(MAIN.relativize(file) + ": " + line);
        }
      }
    }
    assertThat(offenders).isEmpty();
  }

  @Test
  void everyActionType_isNamedInTheTypeTable() {
    assertThat(Action.class.getPermittedSubclasses())
        .containsExactlyInAnyOrderElementsOf(Action.TYPES.values());
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(MAIN)) {
      return files.filter(f -> f.toString().endsWith(".java")).toList();
    }
  }
}
