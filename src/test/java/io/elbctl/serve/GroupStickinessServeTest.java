package io.elbctl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.SpecReader;
import io.elbctl.spec.SpecResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Group stickiness through serve with real backends: a weighted forward over two groups, one
 * instance each. Without the AWSALBTG cookie the weights spread requests over both groups; the
 * AWSALBTG cookie serve sets on the target's answer keeps a client on the group it first reached.
 */
class GroupStickinessServeTest extends TwoBackends {
  private static final String SPEC =
      """
      {
        "apiVersion": "elbctl/v1", "name": "groups", "region": "eu-west-1",
        "domain": { "hostedZone": "example.com", "records": ["example.com"] },
        "targetGroups": [
          { "name": "blue", "port": 8080, "targets": [ { "id": "i-0123456789abcdef0" } ] },
          { "name": "green", "port": 8080, "targets": [ { "id": "i-0123456789abcdef1" } ] }
        ],
        "loadBalancer": { "name": "groups-alb", "listeners": [
          { "port": 80, "protocol": "HTTP",
            "defaultAction": { "type": "forward",
              "targetGroups": [ { "name": "blue", "weight": 1 }, { "name": "green", "weight": 1 } ],
              "stickinessSeconds": 600 } } ] }
      }
      """;

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> who(String cookie) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + alb.localPort(80) + "/who"));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void awsalbtg_keepsAClientOnTheGroupItFirstReached_whileWithoutItBothGroupsServe()
      throws Exception {
    SpecResult parsed = SpecReader.parse(SPEC);
    assertThat(parsed.errors()).isEmpty();
    LocalTargets.Result local =
        LocalTargets.apply(parsed.spec(), List.of("blue=" + one.url(), "green=" + two.url()));
    alb = LocalAlb.bind(TestConfig.of(local.spec(), 80).build(), event -> {});

    Set<String> withoutCookie = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      withoutCookie.add(who(null).body());
    }
    assertThat(withoutCookie).as("the weights spread clients").hasSize(2);

    HttpResponse<String> first = who(null);
    String groupCookie =
        first.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("AWSALBTG="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no AWSALBTG in " + first.headers().map()));
    assertThat(first.headers().allValues("Set-Cookie"))
        .anyMatch(c -> c.startsWith("AWSALBTGCORS=") && c.contains("SameSite=None; Secure"));
    String cookie = groupCookie.substring(0, groupCookie.indexOf(';'));
    for (int i = 0; i < 20; i++) {
      assertThat(who(cookie).body()).as("request %d with %s", i, cookie).isEqualTo(first.body());
    }
  }
}
