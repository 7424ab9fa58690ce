package io.elbctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS credentials never appear in elbctl's output: recognisable fake credentials in the environment
 * of a real elbctl process, commands that fail in different ways (with --stacktrace and --stats),
 * and an endpoint that repeats every request header in its error message.
 */
class SecretsTest {
  private static final String KEY_ID = "AKIAELBCTLFAKEKEY777";
  private static final String SECRET = "elbctlFakeSecret/k9+QwErTyUiOpAsDfGhJkLzXcV";
  private static final String TOKEN = "ElbctlFakeSessionToken//IQoJb3JpZ2luX2VjEPr=";

  @Test
  void credentials_neverAppearInOutput_evenWhenAnEndpointEchoesThem(@TempDir Path dir)
      throws Exception {
    Path valid = dir.resolve("valid.json");
    Files.writeString(valid, Files.readString(Path.of("examples/oauth2-split.json")));
    Path invalid = dir.resolve("invalid.json");
    Files.writeString(invalid, "{\"apiVersion\": \"elbctl/v1\", \"name\": \"" + SECRET + "x\"}");
    List<String> outputs = new ArrayList<>();
    try (RecordingEndpoint echo = new RecordingEndpoint(true)) {
      String url = echo.url();
      List<List<String>> commands =
          List.of(
              List.of("plan", valid.toString(), "--endpoint-url", url, "--stats", "--stacktrace"),
              List.of(
                  "apply",
                  valid.toString(),
                  "--yes",
                  "--endpoint-url",
                  url,
                  "--stats",
                  "--stacktrace",
                  "--output",
                  "json"),
              List.of("certificate", valid.toString(), "--endpoint-url", url, "--stacktrace"),
              List.of("plan", valid.toString(), "--profile", "no-such-profile", "--stacktrace"),
              List.of("validate", invalid.toString(), "--stacktrace"),
              List.of("plan", invalid.toString(), "--endpoint-url", url, "--stacktrace"));
      for (List<String> command : commands) {
        String[] result = elbctl(dir, command);
        outputs.add(String.join(" ", command) + "\n" + result[0] + result[1]);
        assertThat(result[0] + result[1])
            .as(String.join(" ", command) + "\n" + result[0] + result[1])
            .doesNotContain(KEY_ID)
            .doesNotContain(SECRET)
            .doesNotContain(TOKEN)
            // Library chatter is not elbctl's output either (SLF4J warns without a binding).
            .doesNotContain("SLF4J");
      }
      // The test has teeth: the endpoint did receive (and echo) the key id and the token.
      assertThat(echo.received()).contains(KEY_ID).contains(TOKEN);
    }
    assertThat(String.join("\n", outputs)).contains("****").contains("(AccessDenied)");
  }

  /** Runs elbctl in its own JVM with the fake credentials in its environment. */
  private static String[] elbctl(Path dir, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.elbctl.cli.Main");
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", KEY_ID);
    env.put("AWS_SECRET_ACCESS_KEY", SECRET);
    env.put("AWS_SESSION_TOKEN", TOKEN);
    env.put("HOME", dir.toString());
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    builder.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("elbctl " + args + " did not finish");
    }
    return new String[] {
      Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8)
    };
  }
}
