package io.elbctl;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.SpecFixtures;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Keeps the README's exit-code table equal to the codes the commands return. */
class ExitCodeTest {
  @Test
  void readmeTable_isTheOneExitCodeMakes() throws IOException {
    String readme = Files.readString(SpecFixtures.projectDir().resolve("README.md"));
    String start = "<!-- section:exit-codes -->\n## Exit codes\n\n";
    int from = readme.indexOf(start);
    int to = readme.indexOf("<!-- /section:exit-codes -->");
    assertThat(from).as("README exit-code section").isNotNegative();
    assertThat(readme.substring(from + start.length(), to)).isEqualTo(ExitCode.markdownTable());
  }
}
