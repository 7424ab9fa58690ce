package io.elbctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.spec.SpecFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds thousands of generated and mutated specs to validate, plan and simulate: each must end with
 * exit 0 (still valid) or 3 (invalid), print no stack trace and never report an internal error;
 * plan of an invalid spec makes no AWS call (a recording loopback endpoint proves it), plan of a
 * valid one ends with AWS's refusal in one sentence.
 */
class HostileSpecTest {
  static final int SPECS = 10_000;
  private static final long SEED = 0xE1BC7L;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] NASTY_STRINGS = {
    "",
    " ",
    "\u0000",
    "\u001b[31mred",
    "\u202e",
    "日本語",
    "😀",
    "a".repeat(300),
    "/**",
    "/*?*?*?",
    "#{path}",
    "\\",
    "\"",
    "*.example.com",
    "internal-x",
    "-",
    "..",
    "HTTP",
    "https",
    "0",
    "-1",
    "200-600",
    "^(?=x)",
    "(",
    "10.0.0.0/99",
    "::1",
    "i-0",
    "vpc-zz",
    "\ud800"
  };

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void hostileSpecs_neverCrashValidatePlanOrSimulate_andAnInvalidOneNeverReachesAws(
      @TempDir Path dir) throws Exception {
    // Credentials for the few valid specs whose plan does call the recording endpoint.
    System.setProperty("aws.accessKeyId", "testing");
    System.setProperty("aws.secretAccessKey", "testing");
    Random random = new Random(SEED);
    List<String> bases =
        List.of(
            SpecFixtures.exampleText("oauth2-split.json"),
            SpecFixtures.exampleText("canary-maintenance.json"));
    Map<String, Integer> exitCodes = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    Path file = dir.resolve("spec.json");
    try (RecordingEndpoint aws = new RecordingEndpoint()) {
      // Any AWS client simulate might build would go here too.
      Cli.Runner cli = Cli.runner(Map.of("AWS_ENDPOINT_URL", aws.url()));
      for (int i = 0; i < SPECS; i++) {
        byte[] spec = generate(random, bases.get(random.nextInt(bases.size())), i);
        Files.write(file, spec);
        Cli.Result validate = cli.run("validate", file.toString());
        exitCodes.merge("validate " + validate.exitCode(), 1, Integer::sum);
        int before = aws.connections();
        Cli.Result plan = cli.run("plan", file.toString(), "--endpoint-url", aws.url());
        int calls = aws.connections() - before;
        exitCodes.merge("plan " + plan.exitCode(), 1, Integer::sum);
        Cli.Result simulate =
            cli.run("simulate", "-f", file.toString(), "/login/oauth2/code/google");
        exitCodes.merge("simulate " + simulate.exitCode(), 1, Integer::sum);
        int offline = aws.connections() - before - calls;
        String problem = null;
        if (!Set.of(0, 3).contains(validate.exitCode()) || !clean(validate)) {
          problem = "validate: " + validate;
        } else if (!clean(plan)) {
          problem = "plan: " + plan;
        } else if (!clean(simulate)) {
          problem = "simulate: " + simulate;
        } else if (offline != 0 || simulate.exitCode() != validate.exitCode()) {
          problem = "simulate (" + offline + " AWS call(s)) disagrees with validate: " + simulate;
        } else if (validate.exitCode() == 3 && (plan.exitCode() != 3 || calls != 0)) {
          problem = "plan of an invalid spec made " + calls + " AWS call(s): " + plan;
        } else if (validate.exitCode() == 0
            && !(plan.exitCode() == 1 && plan.err().contains("(AccessDenied)."))) {
          problem = "plan of a valid spec did not end with AWS's refusal: " + plan;
        }
        if (problem != null && failures.size() < 5) {
          failures.add("spec #" + i + ": " + problem + "\n" + preview(spec));
        }
      }
    }
    System.out.println(
        "specs fuzzed: " + SPECS + " through validate, plan and simulate " + exitCodes);
    assertThat(failures).isEmpty();
    assertThat(exitCodes.getOrDefault("validate 3", 0)).isGreaterThan(SPECS / 2);
  }

  private static boolean clean(Cli.Result result) {
    return !result.err().contains("internal error")
        && !result.err().contains("Exception")
        && !result.out().contains("Exception")
        && !result.err().contains("\tat ");
  }

  @Test
  void unreadableInputs_sayOneSentence(@TempDir Path dir) throws Exception {
    Path huge = dir.resolve("huge.json");
    Files.write(
        huge,
        ("{\"name\": \"" + "x".repeat(10 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
    Path unreadable = dir.resolve("locked.json");
    Files.writeString(unreadable, "{}");
    unreadable.toFile().setReadable(false);

    Cli.Result tooBig = Cli.run("validate", huge.toString());
    Cli.Result directory = Cli.run("validate", dir.toString());

    assertThat(tooBig.exitCode()).isEqualTo(3);
    assertThat(tooBig.err())
        .isEqualTo(
            "elbctl: " + huge + " is 10485772 bytes; a spec may be at most 1048576 bytes.\n");
    assertThat(directory.exitCode()).isEqualTo(3);
    assertThat(directory.err()).isEqualTo("elbctl: " + dir + " is a directory, not a spec file.\n");
    if (!Files.isReadable(unreadable)) {
      Cli.Result locked = Cli.run("validate", unreadable.toString());
      assertThat(locked.exitCode()).isEqualTo(3);
      assertThat(locked.err())
          .isEqualTo("elbctl: Cannot read " + unreadable + ": permission denied.\n");
    }
  }

  private static String preview(byte[] spec) {
    String text = new String(spec, StandardCharsets.UTF_8);
    return text.length() > 400 ? text.substring(0, 400) + "..." : text;
  }

  static byte[] generate(Random random, String base, int index) throws Exception {
    int kind = index % 10;
    if (kind == 0) {
      byte[] bytes = base.getBytes(StandardCharsets.UTF_8);
      return java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
    }
    if (kind == 1) {
      byte[] bytes = base.getBytes(StandardCharsets.UTF_8);
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      return bytes;
    }
    if (kind == 2) {
      int depth = 1 + random.nextInt(3000);
      return ("{\"loadBalancer\":" + "[".repeat(depth) + "]".repeat(depth) + "}")
          .getBytes(StandardCharsets.UTF_8);
    }
    if (kind == 3) {
      String duplicate = base.replaceFirst("\"name\"", "\"name\": \"dup\", \"name\"");
      return duplicate.getBytes(StandardCharsets.UTF_8);
    }
    JsonNode root = MAPPER.readTree(base);
    for (int mutations = 1 + random.nextInt(4); mutations > 0; mutations--) {
      mutate(random, root);
    }
    return MAPPER.writeValueAsBytes(root);
  }

  private static void mutate(Random random, JsonNode root) {
    List<JsonNode> containers = new ArrayList<>();
    collect(root, containers);
    JsonNode target = containers.get(random.nextInt(containers.size()));
    if (target instanceof ObjectNode object && object.size() > 0) {
      List<String> names = new ArrayList<>();
      for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
        names.add(it.next());
      }
      String name = names.get(random.nextInt(names.size()));
      switch (random.nextInt(4)) {
        case 0 -> object.set(name, randomValue(random));
        case 1 -> object.remove(name);
        case 2 -> object.set(name + (char) ('a' + random.nextInt(26)), randomValue(random));
        default ->
            object.set(name, NODES.textNode(NASTY_STRINGS[random.nextInt(NASTY_STRINGS.length)]));
      }
    } else if (target instanceof ArrayNode array) {
      if (array.size() > 0 && random.nextBoolean()) {
        array.set(random.nextInt(array.size()), randomValue(random));
      } else {
        array.add(randomValue(random));
      }
    }
  }

  private static void collect(JsonNode node, List<JsonNode> containers) {
    if (node.isContainerNode()) {
      containers.add(node);
      node.forEach(child -> collect(child, containers));
    }
  }

  private static JsonNode randomValue(Random random) {
    return switch (random.nextInt(9)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextInt());
      case 3 -> NODES.numberNode(new java.math.BigInteger(200, random));
      case 4 -> NODES.numberNode(random.nextDouble() * 1e308);
      case 5 -> NODES.textNode(NASTY_STRINGS[random.nextInt(NASTY_STRINGS.length)]);
      case 6 -> NODES.arrayNode().add(NODES.textNode("x")).add(NODES.numberNode(-1));
      case 7 -> NODES.objectNode().put("type", random.nextBoolean() ? "forward" : "redirect");
      default -> NODES.numberNode(-random.nextInt(100_000));
    };
  }
}
