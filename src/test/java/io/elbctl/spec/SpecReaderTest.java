package io.elbctl.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecReaderTest {

  @Test
  void parse_example_bindsEveryField() {
    Spec spec = SpecReader.parse(SpecFixtures.exampleText("oauth2-split.json")).spec();

    assertThat(spec.name()).isEqualTo("myapp");
    assertThat(spec.region()).isEqualTo("ap-northeast-2");
    assertThat(spec.domain().records()).containsExactly("example.com", "www.example.com");
    assertThat(spec.certificate().allNames()).containsExactly("example.com", "*.example.com");
    assertThat(spec.network().vpcId()).isEqualTo("default");
    TargetGroup client = spec.targetGroup("client").orElseThrow();
    assertThat(client.port()).isEqualTo(3000);
    assertThat(client.healthCheck().matcher()).isEqualTo("200-399");
    assertThat(client.targets()).containsExactly(new Target("i-0123456789abcdef0", 3000));
    Listener https = spec.loadBalancer().listeners().get(1);
    assertThat(https.https()).isTrue();
    assertThat(https.defaultAction()).isEqualTo(new ForwardAction("forward", "client", null, null));
    assertThat(https.rules()).extracting(Rule::priority).containsExactly(10, 20);
    assertThat(https.rules().get(1).conditions().pathPatterns())
        .containsExactly("/login/oauth2/code/*");
    RedirectAction redirect =
        (RedirectAction) spec.loadBalancer().listeners().get(0).defaultAction();
    assertThat(redirect.port()).isEqualTo("443");
    assertThat(redirect.host()).isEqualTo("#{host}");
    assertThat(redirect.path()).isEqualTo("/#{path}");
  }

  @Test
  void parse_omittedHealthCheck_takesAwsDefaults() {
    HealthCheck check =
        SpecReader.parse(SpecFixtures.exampleText("oauth2-split.json"))
            .spec()
            .targetGroup("backend")
            .orElseThrow()
            .healthCheck();

    assertThat(check)
        .isEqualTo(new HealthCheck("/actuator/health", "200", 30, 5, 5, 2, "traffic-port", null));
  }

  @Test
  void parse_severalMistakes_reportsEachWithPathAndPosition() {
    String json =
        """
        {
          "apiVersion": "elbctl/v1",
          "name": "app",
          "regoin": "us-east-1",
          "domain": { "hostedZone": "example.com", "records": ["example.com"] },
          "targetGroups": [ { "name": "web", "port": "3000" } ],
          "loadBalancer": { "name": "app-alb", "listeners": [
            { "port": 80, "protocol": "HTTP", "defaultAction": { "type": "foward" } } ] }
        }
        """;

    SpecResult result = SpecReader.parse(json);

    assertThat(result.hasErrors()).isTrue();
    assertThat(result.errors())
        .extracting(p -> p.line() + ":" + p.column() + " " + p.describe())
        .containsExactly(
            "4:3 regoin: unknown field 'regoin' (did you mean 'region'?)",
            "1:1 region: is required",
            "6:38 targetGroups[0].port: must be a whole number, got \"3000\"",
            "8:58 loadBalancer.listeners[0].defaultAction.type: must be one of fixed-response,"
                + " forward, redirect, got \"foward\" (did you mean 'forward'?)");
  }

  @Test
  void parse_syntaxError_pointsAtLineAndColumn() {
    SpecResult result = SpecReader.parse("{\n  \"name\": \"x\",\n  \"region\" \"us-east-1\"\n}");

    assertThat(result.spec()).isNull();
    Problem problem = result.errors().get(0);
    assertThat(problem.message()).startsWith("invalid JSON: Unexpected character");
    assertThat(problem.line()).isEqualTo(3);
  }

  @Test
  void parse_duplicateKey_isAnError() {
    SpecResult result =
        SpecReader.parse(
            SpecFixtures.exampleText("oauth2-split.json")
                .replace("\"name\": \"myapp\",", "\"name\": \"myapp\", \"name\": \"other\","));

    assertThat(result.errors())
        .extracting(Problem::describe)
        .contains("name: duplicate field 'name'");
  }

  @Test
  void parse_wrongTypes_areNamed() {
    String spec = SpecFixtures.with("oauth2-split.json", "domain.records", "\"example.com\"");
    spec = SpecFixtures.with(spec, "loadBalancer.listeners[1].rules[0].priority", "1.5");
    spec = SpecFixtures.with(spec, "targetGroups[0].port", "99999999999999999999");
    spec = SpecFixtures.with(spec, "network", "[]");
    spec = SpecFixtures.with(spec, "loadBalancer.dropInvalidHeaderFields", "\"yes\"");
    spec = SpecFixtures.with(spec, "loadBalancer.desyncMitigationMode", "1");

    assertThat(SpecReader.parse(spec).errors())
        .extracting(Problem::describe)
        .contains(
            "domain.records: must be a list, got \"example.com\"",
            "loadBalancer.listeners[1].rules[0].priority: must be a whole number, got 1.5",
            "targetGroups[0].port: number 99999999999999999999 is too large",
            "network: must be an object, got a list",
            "loadBalancer.dropInvalidHeaderFields: must be true or false, got \"yes\"",
            "loadBalancer.desyncMitigationMode: must be a string, got 1, e.g. \"1\"");
  }

  @Test
  void parse_requestHandlingOmitted_takesAlbsDefaults() {
    SpecResult result = SpecReader.parse(SpecFixtures.exampleText("oauth2-split.json"));

    assertThat(result.spec().loadBalancer().desyncMitigationMode()).isEqualTo("defensive");
    assertThat(result.spec().loadBalancer().dropInvalidHeaderFields()).isFalse();
  }

  @Test
  void parse_notAnObject_orEmpty_failsCleanly() {
    assertThat(SpecReader.parse("[1]").errors())
        .extracting(Problem::describe)
        .containsExactly("spec must be a JSON object");
    assertThat(SpecReader.parse("  ").errors())
        .extracting(Problem::describe)
        .containsExactly("spec is empty; expected a JSON object");
    assertThat(SpecReader.parse("{} {}").errors())
        .extracting(Problem::describe)
        .containsExactly("unexpected content after the end of the spec object");
  }

  @Test
  void parse_deepNesting_failsCleanly() {
    String deep = "{\"name\":" + "[".repeat(5000) + "]".repeat(5000) + "}";

    assertThat(SpecReader.parse(deep).errors())
        .extracting(Problem::describe)
        .containsExactly("spec is nested too deeply or has an oversized value");
  }

  @Test
  void parse_invalidUtf8_failsCleanly() {
    byte[] bytes = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

    assertThat(SpecReader.parse(bytes).errors())
        .extracting(Problem::describe)
        .containsExactly("spec is not valid UTF-8 text");
  }

  @Test
  void parse_schemaReference_isAllowedAtTheTopOnly() {
    String spec = SpecFixtures.with("oauth2-split.json", "domain.$schema", "\"x\"");

    assertThat(SpecReader.parse(spec).errors())
        .extracting(Problem::describe)
        .containsExactly(
            "domain.$schema: unknown field '$schema' (expected one of: hostedZone, records)");
  }

  @Test
  void read_missingFile_directory_andTooLarge_sayOneSentence(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> SpecReader.read(dir.resolve("nope.json")))
        .isInstanceOf(SpecFileException.class)
        .hasMessage(
            "No spec file at "
                + dir.resolve("nope.json")
                + " (give one with -f FILE, or run 'elbctl init').");
    assertThatThrownBy(() -> SpecReader.read(dir))
        .hasMessage(dir + " is a directory, not a spec file.");
    Path big = dir.resolve("big.json");
    Files.write(big, new byte[(int) SpecReader.MAX_BYTES + 1]);
    assertThatThrownBy(() -> SpecReader.read(big))
        .hasMessage(big + " is 1048577 bytes; a spec may be at most 1048576 bytes.");
  }
}
