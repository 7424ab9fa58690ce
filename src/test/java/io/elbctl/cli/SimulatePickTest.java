package io.elbctl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elbctl.sim.StickyCookies;
import io.elbctl.sim.TargetRef;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate} names the group's algorithm and the target it would pick, keeps the target an
 * {@code --cookie} names, and prints the Set-Cookie values the ALB would add, in text and JSON.
 */
class SimulatePickTest {
  @TempDir Path dir;

  /** The oauth2-split example whose backend has two targets and the given attributes. */
  private Path spec(String attributes) throws Exception {
    String text =
        Files.readString(Path.of("examples/oauth2-split.json"))
            .replace(
                "\"healthCheck\": { \"path\": \"/actuator/health\" },\n"
                    + "      \"targets\": [ { \"id\": \"i-0123456789abcdef0\", \"port\": 8080 } ]",
                "\"healthCheck\": { \"path\": \"/actuator/health\" }"
                    + attributes
                    + ",\n      \"targets\": [ { \"id\": \"i-0123456789abcdef0\", \"port\": 8080 },"
                    + " { \"id\": \"i-0123456789abcdef1\", \"port\": 8080 } ]");
    assertThat(text).contains("i-0123456789abcdef1");
    Path file = dir.resolve("spec.json");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void aStickyGroup_keepsTheCookiesTarget_andShowsTheCookieAlbSets() throws Exception {
    Path spec =
        spec(", \"stickinessSeconds\": 3600, \"algorithm\": \"least_outstanding_requests\"");
    String second =
        StickyCookies.targetValue("backend", new TargetRef("i-0123456789abcdef1", 8080));

    Cli.Result run =
        Cli.run(
            "simulate",
            "-f",
            spec.toString(),
            "/login/oauth2/code/google",
            "--cookie",
            "AWSALB=" + second);

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .as(run.toString())
        .contains("  algorithm: least_outstanding_requests; stickiness lb_cookie 3600 s")
        .contains("  → target i-0123456789abcdef1:8080 of backend (kept by the AWSALB cookie)")
        .contains("  Set-Cookie: AWSALB=" + second + "; Expires=")
        .contains("; Path=/; SameSite=None; Secure");
  }

  @Test
  void json_carriesThePick_andAnAppCookieGroupSaysWhenAwsalbappIsSet() throws Exception {
    Path spec =
        spec(", \"stickinessType\": \"app_cookie\", \"stickinessCookieName\": \"JSESSIONID\"");

    Cli.Result run =
        Cli.run("simulate", "-f", spec.toString(), "/oauth2/authorization/google", "-o", "json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode pick = new ObjectMapper().readTree(run.out()).get("pick");
    assertThat(pick.get("group").asText()).isEqualTo("backend");
    assertThat(pick.get("id").asText()).isEqualTo("i-0123456789abcdef0");
    assertThat(pick.get("algorithm").asText()).isEqualTo("round_robin");
    assertThat(pick.get("stickiness").asText())
        .isEqualTo("app_cookie 86400 s on cookie JSESSIONID");
    assertThat(pick.get("how").asText()).isEqualTo("round_robin: the next of 2 targets in turn");
    assertThat(pick.get("setCookie")).isEmpty();
    assertThat(pick.at("/appCookie/whenTargetSets").asText()).isEqualTo("JSESSIONID");
    assertThat(pick.at("/appCookie/setCookie").asText())
        .startsWith(
            "AWSALBAPP="
                + StickyCookies.targetValue("backend", new TargetRef("i-0123456789abcdef0", 8080))
                + "; Expires=");
  }

  @Test
  void aCookieThatIsNotNameEqualsValue_isOneSentenceAndAUsageError() {
    Cli.Result run =
        Cli.run("simulate", "-f", "examples/oauth2-split.json", "/", "--cookie", "AWSALB");

    assertThat(run.exitCode()).isEqualTo(io.elbctl.ExitCode.USAGE.code);
    assertThat(run.err()).contains("--cookie 'AWSALB' must be NAME=VALUE, e.g. AWSALB=...");
    assertThat(run.err()).doesNotContain("Exception");
  }
}
