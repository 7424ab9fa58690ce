package io.elbctl.aws;

import static io.elbctl.aws.ElbctlRun.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.aws.ElbctlRun.Result;
import io.elbctl.spec.SpecFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The printed IAM policy allows every call the gateway makes: read from the gateway's source, and
 * recorded by the call counter over a whole lifecycle (plan, apply, changes, --adopt, destroy);
 * plan's calls are all in the read-only statements.
 */
@ExtendWith(EmulatorExtension.class)
class IamPolicyTest {
  private static final Map<String, String> PREFIX =
      Map.of("elb", "elasticloadbalancing", "ec2", "ec2", "acm", "acm", "route53", "route53");

  @TempDir Path dir;
  private Emulator emulator;
  private ElbctlRun elbctl;
  private String zoneId;

  @BeforeEach
  void setUp(Emulator emulator) {
    this.emulator = emulator;
    this.elbctl = new ElbctlRun(emulator, dir);
    zoneId = emulator.createHostedZone("example.com");
  }

  @Test
  void everyOperationTheGatewayCalls_isInThePolicy() throws Exception {
    StringBuilder source = new StringBuilder();
    try (var files = Files.list(SpecFixtures.projectDir().resolve("src/main/java/io/elbctl/aws"))) {
      for (Path file : files.sorted().toList()) {
        source.append(Files.readString(file));
      }
    }
    Matcher call =
        Pattern.compile("clients\\s*\\.\\s*(elb|ec2|acm|route53)\\(\\)\\s*\\.\\s*(\\w+)\\(")
            .matcher(source);
    Set<String> called = new TreeSet<>();
    while (call.find()) {
      // A paginator makes the same call, once per page.
      String method = call.group(2).replaceFirst("Paginator$", "");
      called.add(
          PREFIX.get(call.group(1))
              + ":"
              + Character.toUpperCase(method.charAt(0))
              + method.substring(1));
    }
    assertThat(called).hasSizeGreaterThan(40);
    Set<String> allowed = actions(policy("--adopt"));
    assertThat(called).isSubsetOf(allowed);
  }

  @Test
  void aWholeLifecycle_callsOnlyWhatThePolicyAllows_andPlanOnlyWhatTheReadOnlyPartAllows() {
    Set<String> readOnly = actions(policy("--read-only"));
    Set<String> all = actions(policy("--adopt"));
    assertThat(readOnly)
        .allMatch(a -> a.contains(":Describe") || a.contains(":List") || a.contains(":Get"));

    Path spec = elbctl.spec(s -> {});
    Set<String> planned = operations("plan", spec.toString(), "--stats", "--output", "json");
    Set<String> used = new TreeSet<>(planned);
    used.addAll(operations("apply", spec.toString(), "--yes", "--stats", "--output", "json"));
    Path changed =
        elbctl.spec(
            s -> {
              ((ObjectNode) s.at("/targetGroups/1/healthCheck")).put("path", "/health");
              ((ObjectNode) s.at("/targetGroups/0")).putArray("targets");
              ((ObjectNode) s.get("loadBalancer")).put("idleTimeoutSeconds", 120);
              ((ObjectNode) s.at("/loadBalancer/listeners/1/defaultAction"))
                  .put("targetGroup", "backend");
              ArrayNode rules = (ArrayNode) s.at("/loadBalancer/listeners/1/rules");
              ((ObjectNode) rules.get(0)).put("priority", 20);
              ((ObjectNode) rules.get(1)).put("priority", 10);
              ((ObjectNode) rules.get(1).get("action")).put("targetGroup", "client");
              ObjectNode extra = rules.addObject();
              extra.put("priority", 30);
              extra.putObject("conditions").putArray("pathPatterns").add("/api/*");
              extra.putObject("action").put("type", "forward").put("targetGroup", "backend");
            });
    used.addAll(operations("apply", changed.toString(), "--yes", "--stats", "--output", "json"));
    Path fewer =
        elbctl.spec(
            s -> {
              ((ArrayNode) s.at("/loadBalancer/listeners/1/rules")).remove(1);
              ((ArrayNode) s.at("/loadBalancer/listeners")).remove(0);
            });
    used.addAll(operations("apply", fewer.toString(), "--yes", "--stats", "--output", "json"));
    planned.addAll(operations("plan", fewer.toString(), "--stats", "--output", "json"));
    planned.addAll(
        operations("plan", "--destroy", fewer.toString(), "--stats", "--output", "json"));
    used.addAll(operations("destroy", fewer.toString(), "--yes", "--stats", "--output", "json"));
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      elb.createTargetGroup(
          r -> r.name("backend").protocol("HTTP").port(8080).vpcId(elbctl.defaultVpc()));
    }
    // Another spec name: within the hour ACM would tie myapp's certificate token to the deleted
    // one.
    Path other = elbctl.spec(s -> ((ObjectNode) s).put("name", "other"));
    used.addAll(
        operations("apply", other.toString(), "--yes", "--adopt", "--stats", "--output", "json"));
    used.addAll(planned);

    assertThat(planned).isSubsetOf(readOnly);
    assertThat(used)
        .contains(
            "elasticloadbalancing:SetRulePriorities",
            "elasticloadbalancing:ModifyListener",
            "elasticloadbalancing:DeleteListener",
            "elasticloadbalancing:DeleteLoadBalancer",
            "elasticloadbalancing:AddTags",
            "ec2:DeleteSecurityGroup",
            "acm:DeleteCertificate")
        .isSubsetOf(all);
  }

  @Test
  void recordChanges_areConfinedToTheZoneAndTheSpecsNames() {
    JsonNode policy = policy();
    JsonNode records = null;
    for (JsonNode statement : policy.get("Statement")) {
      if (statement.get("Sid").asText().equals("ApplyRecords")) {
        records = statement;
      }
    }
    assertThat(records).isNotNull();
    assertThat(records.get("Resource").asText())
        .isEqualTo("arn:aws:route53:::hostedzone/" + zoneId);
    assertThat(
            records.at(
                "/Condition/ForAllValues:StringLike/route53:ChangeResourceRecordSetsNormalizedRecordNames"))
        .extracting(JsonNode::asText)
        .containsExactly(
            "example.com",
            "_elbctl.example.com",
            "www.example.com",
            "_elbctl.www.example.com",
            "_elbctl-lock.myapp.example.com",
            "_*.example.com");
    Result offline =
        elbctl.run("iam-policy", elbctl.spec(s -> {}).toString(), "--hosted-zone-id", "ZFAKE");
    assertThat(offline.out()).contains("arn:aws:route53:::hostedzone/ZFAKE");
  }

  private JsonNode policy(String... extra) {
    String[] args = new String[extra.length + 2];
    args[0] = "iam-policy";
    args[1] = elbctl.spec(s -> {}).toString();
    System.arraycopy(extra, 0, args, 2, extra.length);
    Result result = elbctl.run(args);
    assertThat(result.code()).as(result.toString()).isZero();
    return result.json();
  }

  private static Set<String> actions(JsonNode policy) {
    Set<String> actions = new TreeSet<>();
    for (JsonNode statement : policy.get("Statement")) {
      statement.get("Action").forEach(a -> actions.add(a.asText()));
    }
    return actions;
  }

  /** The IAM actions of the calls one command made, from its --stats. */
  private Set<String> operations(String... args) {
    Result result = elbctl.run(args);
    assertThat(result.code()).as(result.toString()).isZero();
    Set<String> actions = new TreeSet<>();
    for (JsonNode op : result.json().at("/stats/operations")) {
      actions.add(IamPolicy.action(op.get("service").asText(), op.get("operation").asText()));
    }
    return actions;
  }
}
