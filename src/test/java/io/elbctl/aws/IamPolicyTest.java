package io.elbctl.aws;

import static io.elbctl.aws.ElbctlRun.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.aws.ElbctlRun.Result;
import io.elbctl.aws.IamRequests.Authorization;
import io.elbctl.aws.IamSimulator.Case;
import io.elbctl.aws.IamSimulator.Verdict;
import io.elbctl.plan.ResourceNames;
import io.elbctl.spec.SpecFileException;
import io.elbctl.spec.SpecReader;
import io.elbctl.steps.Doctor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * The policy {@code elbctl iam-policy} prints, evaluated by an IAM engine that is not elbctl's
 * ({@link IamSimulator}) against every call of a whole lifecycle on the emulator, recorded with the
 * resource ARNs and request context AWS authorises ({@link IamCallRecorder}): plan, doctor,
 * iam-policy, apply (fresh, converged, changed, shrunk, with named security groups), destroy and
 * apply --adopt of a second spec. The first spec's load balancer is dualstack, so its records
 * include AAAA aliases; the second's is not. Every call is allowed; each statement is needed; the
 * same calls in another spec's name or another zone, and the grants the policy must not make, are
 * denied. It catches a grant AWS would refuse that a check of action names passes: a create
 * statement conditioned on the resource's tag instead of the request's, or a record type left out
 * of the Route 53 condition.
 */
@ExtendWith(EmulatorExtension.class)
class IamPolicyTest {
  /** moto's account id. */
  private static final String ACCOUNT = "123456789012";

  @TempDir static Path dir;
  private static Lifecycle lifecycle;

  /** The recorded calls, the policies printed for them, and the engine's verdicts. */
  private record Lifecycle(
      String zoneId,
      Map<String, JsonNode> policies,
      List<Case> calls,
      List<Verdict> verdicts,
      Map<String, Boolean> statementNeeded,
      List<Case> foreign,
      List<Verdict> foreignVerdicts) {}

  private static synchronized Lifecycle lifecycle(Emulator emulator) {
    if (lifecycle == null) {
      lifecycle = record(emulator);
    }
    return lifecycle;
  }

  @Test
  void everyCallOfTheLifecycle_isAllowedByThePrintedPolicy(Emulator emulator) {
    Lifecycle run = lifecycle(emulator);
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < run.calls().size(); i++) {
      Verdict verdict = run.verdicts().get(i);
      if (!verdict.allowed()) {
        refused.add(describe(run.calls().get(i), verdict));
      }
    }
    assertThat(refused).as("calls the policy refuses").isEmpty();
    Set<String> ignored = new TreeSet<>();
    long unvalidated = 0;
    for (Verdict verdict : run.verdicts()) {
      ignored.addAll(verdict.ignored());
      unvalidated += verdict.unvalidated() ? 1 : 0;
    }
    // Every context key recorded is one the Service Authorization Reference lists for the action.
    assertThat(ignored).as("context keys the engine ignored").isEmpty();
    // The dualstack spec's AAAA aliases were written (apply) and deleted (destroy), and allowed.
    for (String action : List.of("UPSERT", "DELETE")) {
      assertThat(run.calls())
          .as("a recorded record change that %ss an AAAA record", action)
          .anyMatch(
              c ->
                  String.valueOf(
                              c.call().context().get("route53:ChangeResourceRecordSetsRecordTypes"))
                          .contains("AAAA")
                      && String.valueOf(
                              c.call().context().get("route53:ChangeResourceRecordSetsActions"))
                          .contains(action));
    }
    // The recording is not trivially small: every command above made calls.
    assertThat(run.calls()).hasSizeGreaterThan(150);
    System.out.println(
        "IamPolicyTest: "
            + run.calls().size()
            + " recorded authorisation requests allowed; "
            + run.statementNeeded().size()
            + " statements each needed; "
            + unvalidated
            + " (AddTags on v2 resources) without iam-data's resource-type check; "
            + run.foreign().size()
            + " foreign requests denied");
  }

  @Test
  void everyStatement_isNeeded_removingItDeniesARecordedCall(Emulator emulator) {
    Lifecycle run = lifecycle(emulator);
    Set<String> unneeded = new TreeSet<>();
    run.statementNeeded()
        .forEach(
            (sid, needed) -> {
              if (!needed) {
                unneeded.add(sid);
              }
            });
    assertThat(unneeded).as("statements no recorded call needs").isEmpty();
    Set<String> sids = new TreeSet<>();
    for (String name : List.of("myapp", "other --adopt")) {
      run.policies().get(name).get("Statement").forEach(s -> sids.add(s.get("Sid").asText()));
    }
    assertThat(run.statementNeeded().keySet()).containsAll(sids);
  }

  @Test
  void everyGrantedAction_isOneARecordedCallNeeds(Emulator emulator) {
    Lifecycle run = lifecycle(emulator);
    Set<String> granted = new TreeSet<>();
    for (String name : List.of("myapp", "other --adopt")) {
      run.policies()
          .get(name)
          .get("Statement")
          .forEach(s -> s.get("Action").forEach(a -> granted.add(a.asText())));
    }
    Set<String> called = new TreeSet<>();
    run.calls().forEach(c -> called.add(c.call().action()));
    assertThat(called).as("actions recorded").containsAll(granted);
  }

  @Test
  void theReadOnlyPolicy_grantsOnlyReads_andCoversPlanDoctorIamPolicyImportStatusAndLive(
      Emulator emulator) {
    Lifecycle run = lifecycle(emulator);
    run.policies()
        .get("myapp --read-only")
        .get("Statement")
        .forEach(
            s ->
                s.get("Action")
                    .forEach(
                        a -> assertThat(a.asText()).matches(".*:(Describe|List|Get)[A-Za-z]+")));
    assertThat(run.calls())
        .filteredOn(c -> c.policy().endsWith("--read-only"))
        .extracting(c -> c.call().command())
        .contains(
            "plan",
            "doctor",
            "plan --destroy",
            "iam-policy",
            "iam-policy --adopt",
            "import",
            "status",
            "simulate --live");
  }

  @Test
  void theSameCalls_inAnotherSpecsNameOrZone_andTheOverBroadGrants_areDenied(Emulator emulator) {
    Lifecycle run = lifecycle(emulator);
    List<String> allowed = new ArrayList<>();
    for (int i = 0; i < run.foreign().size(); i++) {
      if (!run.foreignVerdicts().get(i).result().endsWith("Denied")) {
        allowed.add(describe(run.foreign().get(i), run.foreignVerdicts().get(i)));
      }
    }
    assertThat(allowed).as("foreign requests the policy allows").isEmpty();
    assertThat(run.foreign()).hasSizeGreaterThan(40);
  }

  // ------------------------------------------------------------------ recording

  /** The example spec with a dualstack load balancer, and {@code edit} applied. */
  /** One listener and one rule fewer; the rule left changes its action in place (ModifyRule). */
  private static void fewer(JsonNode s) {
    ((ArrayNode) s.at("/loadBalancer/listeners/1/rules")).remove(1);
    ((ObjectNode) s.at("/loadBalancer/listeners/1/rules/0/action")).put("targetGroup", "client");
    ((ArrayNode) s.at("/loadBalancer/listeners")).remove(0);
  }

  private static void sni(JsonNode s) {
    ((ObjectNode) s.at("/loadBalancer/listeners/1"))
        .putArray("certificates")
        .addObject()
        .put("domainName", "shop.example.com");
  }

  private static Path dualstack(ElbctlRun elbctl, java.util.function.Consumer<JsonNode> edit) {
    return elbctl.spec(
        s -> {
          ((ObjectNode) s.get("loadBalancer")).put("ipAddressType", "dualstack");
          edit.accept(s);
        });
  }

  private static Lifecycle record(Emulator emulator) {
    ElbctlRun elbctl = new ElbctlRun(emulator, dir);
    String zoneId = emulator.createHostedZone("example.com");
    // An SNI certificate: added by the first apply, removed again by the apply of the fewer spec.
    Path spec = dualstack(elbctl, IamPolicyTest::sni);
    Path changed =
        dualstack(
            elbctl,
            s -> {
              ((ObjectNode) s.at("/targetGroups/1/healthCheck")).put("path", "/health");
              ((ObjectNode) s.at("/targetGroups/1")).put("deregistrationDelaySeconds", 30);
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
              sni(s);
            });
    Path fewer = dualstack(elbctl, IamPolicyTest::fewer);
    Path other = elbctl.spec(s -> ((ObjectNode) s).put("name", "other"));

    Map<String, JsonNode> policies = new LinkedHashMap<>();
    List<Case> calls = new ArrayList<>();
    try (IamCallRecorder.Session session = IamCallRecorder.record(emulator, ACCOUNT)) {
      Recorder recorder = new Recorder(elbctl, session);
      policies.put("myapp --read-only", recorder.policy("iam-policy", spec, "--read-only"));
      policies.put("myapp", recorder.policy("iam-policy", spec));
      recorder.run("plan", "myapp --read-only", spec, "plan");
      recorder.run("doctor", "myapp --read-only", spec, "doctor");
      recorder.run("apply", "myapp", spec, "apply", "--yes");
      recorder.run("apply converged", "myapp", spec, "apply", "--yes");
      // The live commands on the load balancer the spec made: read-only, like plan.
      recorder.run(
          "import",
          "myapp --read-only",
          "import",
          "--load-balancer",
          "myapp-alb",
          "--region",
          REGION,
          "-o",
          dir.resolve("imported.json").toString());
      recorder.run(
          "status", "myapp --read-only", "status", "-f", spec.toString(), "--detailed-exitcode");
      recorder.run(
          "simulate --live",
          "myapp --read-only",
          "simulate",
          "--live",
          "-f",
          spec.toString(),
          "/login/oauth2/code/google");
      recorder.run("apply changed", "myapp", changed, "apply", "--yes");
      recorder.run("apply fewer", "myapp", fewer, "apply", "--yes");
      // A spec that names its security groups: apply sets them on the load balancer.
      String named = session.paused(() -> namedSecurityGroup(elbctl));
      Path withGroups =
          dualstack(
              elbctl,
              s -> {
                fewer(s);
                ((ArrayNode) s.at("/network/securityGroups")).add(named);
              });
      recorder.run("apply named groups", "myapp", withGroups, "apply", "--yes");
      recorder.doctorWithDns(emulator, fewer, zoneId, "myapp --read-only");
      recorder.run("plan --destroy", "myapp --read-only", fewer, "plan", "--destroy");
      recorder.run("destroy", "myapp", fewer, "destroy", "--yes");
      // Resources another spec adopts: an untagged target group and security group it names.
      session.paused(() -> foreignResources(emulator, elbctl, other));
      policies.put(
          "other --read-only", recorder.policy("iam-policy --adopt", other, "--read-only"));
      policies.put("other --adopt", recorder.policy("iam-policy --adopt", other, "--adopt"));
      recorder.run("apply --adopt", "other --adopt", other, "apply", "--yes", "--adopt");
      calls.addAll(recorder.calls());
    }
    writeRecording(calls);
    List<Case> foreign =
        IamProbes.foreign(calls, ACCOUNT, zoneId, adoptedGroup(policies.get("other --adopt")));
    Map<String, JsonNode> all = new LinkedHashMap<>(policies);
    List<Case> cases = new ArrayList<>(calls);
    cases.addAll(foreign);
    // Leave one statement out of each policy in turn: some call it saw must then be denied.
    Map<String, List<Integer>> withoutStatement = new LinkedHashMap<>();
    for (String name : List.of("myapp", "myapp --read-only", "other --adopt")) {
      JsonNode statements = policies.get(name).get("Statement");
      for (int i = 0; i < statements.size(); i++) {
        String sid = statements.get(i).get("Sid").asText();
        ObjectNode reduced = policies.get(name).deepCopy();
        ((ArrayNode) reduced.get("Statement")).remove(i);
        String reducedName = name + " without " + sid;
        all.put(reducedName, reduced);
        Set<String> actions = new TreeSet<>();
        statements.get(i).get("Action").forEach(a -> actions.add(a.asText()));
        List<Integer> indexes = new ArrayList<>();
        for (Case c : calls) {
          if (c.policy().equals(name) && actions.contains(c.call().action())) {
            indexes.add(cases.size());
            cases.add(new Case(reducedName, c.call()));
          }
        }
        withoutStatement.put(sid + " in " + name, indexes);
      }
    }
    List<Verdict> verdicts = IamSimulator.evaluate(ACCOUNT, all, cases);
    Map<String, Boolean> needed = new TreeMap<>();
    withoutStatement.forEach(
        (key, indexes) -> {
          String sid = key.substring(0, key.indexOf(' '));
          boolean denied = indexes.stream().anyMatch(i -> !verdicts.get(i).allowed());
          needed.merge(sid, denied, Boolean::logicalOr);
        });
    return new Lifecycle(
        zoneId,
        policies,
        calls,
        verdicts.subList(0, calls.size()),
        needed,
        foreign,
        verdicts.subList(calls.size(), calls.size() + foreign.size()));
  }

  /** Leaves the recording in target/ for a reader: one request per line, by command. */
  private static void writeRecording(List<Case> calls) {
    StringBuilder text = new StringBuilder();
    calls.forEach(c -> text.append(c.policy()).append(" | ").append(c.call()).append('\n'));
    try {
      java.nio.file.Files.writeString(
          IamSimulator.install().resolve("recorded-calls.txt"), text.toString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Runs commands while the recorder labels their calls with the policy that must allow them. */
  private static final class Recorder {
    private final ElbctlRun elbctl;
    private final IamCallRecorder.Session session;
    private final List<Case> calls = new ArrayList<>();
    private int seen;

    Recorder(ElbctlRun elbctl, IamCallRecorder.Session session) {
      this.elbctl = elbctl;
      this.session = session;
    }

    JsonNode policy(String label, Path spec, String... options) {
      String policy = label.equals("iam-policy") ? "myapp --read-only" : "other --read-only";
      List<String> args = new ArrayList<>(List.of("iam-policy", spec.toString()));
      args.addAll(List.of(options));
      return run(label, policy, args.toArray(String[]::new)).json();
    }

    void run(String label, String policy, Path spec, String command, String... options) {
      List<String> args = new ArrayList<>(List.of(command, spec.toString()));
      args.addAll(List.of(options));
      run(label, policy, args.toArray(String[]::new));
    }

    private Result run(String label, String policy, String... args) {
      session.label(label);
      Result result = elbctl.run(args);
      // doctor exits 1 on moto: its default VPC has no internet route.
      assertThat(result.code()).as(result.toString()).isIn(0, label.equals("doctor") ? 1 : 0);
      collect(policy);
      return result;
    }

    /** Doctor with a DNS answer, so it also reads the zone's name servers. */
    void doctorWithDns(Emulator emulator, Path spec, String zoneId, String policy) {
      session.label("doctor");
      try (AwsClients clients =
          new AwsClients(new AwsSettings(REGION, null, emulator.endpoint()), new CallStats())) {
        AwsGateway gateway = new AwsGateway(clients);
        var parsed = SpecReader.read(spec).spec();
        assertThat(
                Doctor.run(
                    parsed,
                    gateway.read(parsed),
                    gateway,
                    (name, type) -> List.of("ns-1.example.net."),
                    REGION))
            .extracting(f -> f.check())
            .contains("delegation", "service-linked role");
      } catch (SpecFileException e) {
        throw new AssertionError(e);
      }
      collect(policy);
    }

    private void collect(String policy) {
      List<Authorization> all = session.calls();
      for (Authorization call : all.subList(seen, all.size())) {
        calls.add(new Case(policy, call));
      }
      seen = all.size();
    }

    List<Case> calls() {
      return calls;
    }
  }

  private static String namedSecurityGroup(ElbctlRun elbctl) {
    try (Ec2Client ec2 = elbctl.ec2()) {
      return ec2.createSecurityGroup(
              r -> r.groupName("shared-web").description("shared").vpcId(elbctl.defaultVpc()))
          .groupId();
    }
  }

  private static String foreignResources(Emulator emulator, ElbctlRun elbctl, Path other) {
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION);
        Ec2Client ec2 = elbctl.ec2()) {
      elb.createTargetGroup(
          r -> r.name("backend").protocol("HTTP").port(8080).vpcId(elbctl.defaultVpc()));
      String name = ResourceNames.securityGroupName(SpecReader.read(other).spec());
      return ec2.createSecurityGroup(
              r -> r.groupName(name).description("made by hand").vpcId(elbctl.defaultVpc()))
          .groupId();
    } catch (SpecFileException e) {
      throw new AssertionError(e);
    }
  }

  private static String adoptedGroup(JsonNode policy) {
    for (JsonNode s : policy.get("Statement")) {
      if (s.get("Sid").asText().equals("AdoptTagSecurityGroup")) {
        String arn = s.get("Resource").asText();
        return arn.substring(arn.lastIndexOf('/') + 1);
      }
    }
    throw new AssertionError("the --adopt policy names no security group: " + policy);
  }

  private static String describe(Case c, Verdict verdict) {
    return c.policy()
        + " | "
        + c.call()
        + " -> "
        + verdict.result()
        + (verdict.errors() == null ? "" : " " + verdict.errors())
        + (verdict.ignored().isEmpty() ? "" : " ignored " + verdict.ignored());
  }
}
