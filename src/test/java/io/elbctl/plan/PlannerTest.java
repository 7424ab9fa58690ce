package io.elbctl.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.ExitCode;
import io.elbctl.plan.Inventory.CertificateState;
import io.elbctl.plan.Inventory.HostedZone;
import io.elbctl.plan.Inventory.ListenerState;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.plan.Inventory.RuleState;
import io.elbctl.plan.Inventory.TargetGroupState;
import io.elbctl.plan.Inventory.ValidationRecord;
import io.elbctl.spec.Listener;
import io.elbctl.spec.LoadBalancer;
import io.elbctl.spec.Rule;
import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecReader;
import io.elbctl.spec.SpecResult;
import io.elbctl.spec.TargetGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Planner tables: (spec edit, inventory edit) → the ordered changes; no network. */
class PlannerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** SpecHash of the example's client group, computed by the code before these attributes. */
  private static final String OLD_CLIENT_HASH = "f26a022b8361b959";

  private static final String LB_DNS = "myapp-alb-1.ap-northeast-2.elb.amazonaws.com";
  private static final String LB_ZONE = "ZWKZPGTI48KDX";
  private static final String CERT = "arn:aws:acm:ap-northeast-2:1:certificate/c";
  private static final ValidationRecord VALIDATION =
      new ValidationRecord("_abc.example.com.", "CNAME", "_xyz.acm-validations.aws.");

  static Stream<Arguments> cases() {
    return Stream.of(
        row("converged: nothing to do", s -> {}, inv -> inv, List.of()),
        row(
            "only the hosted zone exists: everything is created in step order",
            s -> {},
            inv -> Inventory.empty(inv.zone()),
            List.of(
                "+ certificate example.com, *.example.com",
                "+ target group client",
                "+ targets of client",
                "+ target group backend",
                "+ targets of backend",
                "+ load balancer myapp-alb",
                "+ listener HTTP:80",
                "+ listener HTTPS:443",
                "+ rule 10 on HTTPS:443",
                "+ rule 20 on HTTPS:443",
                "+ alias record example.com A",
                "+ alias record www.example.com A")),
        row(
            "health-check path changed: one target group update",
            s -> ((ObjectNode) s.at("/targetGroups/1/healthCheck")).put("path", "/health"),
            inv -> inv,
            List.of("~ target group backend [healthCheck.path: /actuator/health → /health]")),
        row(
            "stickiness, algorithm and slow start added: one attribute update",
            s ->
                ((ObjectNode) s.at("/targetGroups/1"))
                    .put("stickinessType", "app_cookie")
                    .put("stickinessCookieName", "JSESSIONID")
                    .put("algorithm", "weighted_random")
                    .put("slowStartSeconds", 30),
            inv -> inv,
            List.of(
                "~ target group backend [stickinessSeconds: null → 86400, stickinessType: null →"
                    + " app_cookie, stickinessCookieName: null → JSESSIONID, algorithm:"
                    + " round_robin → weighted_random, slowStartSeconds: 0 → 30]")),
        row(
            "least outstanding requests chosen: one attribute update",
            s ->
                ((ObjectNode) s.at("/targetGroups/0"))
                    .put("algorithm", "least_outstanding_requests"),
            inv -> inv,
            List.of("~ target group client [algorithm: round_robin → least_outstanding_requests]")),
        row(
            "target no longer in the spec: deregistered",
            s -> ((ArrayNode) s.at("/targetGroups/0/targets")).removeAll(),
            inv -> inv,
            List.of("- targets of client")),
        row(
            "rule added: created",
            s -> addRule(s, 30, "/api/*"),
            inv -> inv,
            List.of("+ rule 30 on HTTPS:443")),
        row(
            "rule removed: deleted",
            s -> rules(s).remove(1),
            inv -> inv,
            List.of("- rule 20 on HTTPS:443")),
        row(
            "priority changed: moved, not recreated",
            s -> ((ObjectNode) rules(s).get(1)).put("priority", 30),
            inv -> inv,
            List.of("~ rule 20 on HTTPS:443 [priority: 20 → 30]")),
        row(
            "two priorities swapped: one is parked at a free priority first",
            s -> {
              ((ObjectNode) rules(s).get(0)).put("priority", 20);
              ((ObjectNode) rules(s).get(1)).put("priority", 10);
            },
            inv -> inv,
            List.of(
                "~ rule 10 on HTTPS:443 [priority (temporary, to make room): 10 → 50000]",
                "~ rule 20 on HTTPS:443 [priority: 20 → 10]",
                "~ rule 50000 on HTTPS:443 [priority: 50000 → 20]")),
        row(
            "rule content changed at the same priority: modified in place",
            s ->
                ((ArrayNode) s.at("/loadBalancer/listeners/1/rules/1/conditions/pathPatterns"))
                    .add("/login"),
            inv -> inv,
            List.of(
                "~ rule 20 on HTTPS:443 [conditions: path /login/oauth2/code/* → path"
                    + " /login/oauth2/code/* | /login]")),
        row(
            "a rule replaced by one at another priority: created before the old one is deleted",
            s -> {
              rules(s).remove(0);
              addRule(s, 15, "/oauth2/new/*");
            },
            inv -> inv,
            List.of("+ rule 15 on HTTPS:443", "- rule 10 on HTTPS:443")),
        row(
            "a new rule takes the priority an old rule leaves: move first, then create",
            s -> {
              ((ObjectNode) rules(s).get(1)).put("priority", 30);
              addRule(s, 20, "/new/*");
            },
            inv -> inv,
            List.of("~ rule 20 on HTTPS:443 [priority: 20 → 30]", "+ rule 20 on HTTPS:443")),
        row(
            "a deleted rule at a priority a new rule needs is parked, then deleted last",
            s -> {
              rules(s).remove(1);
              addRule(s, 20, "/new/*");
              ((ObjectNode) rules(s).get(1)).put("priority", 20);
            },
            inv -> inv,
            List.of(
                "~ rule 20 on HTTPS:443 [conditions: path /login/oauth2/code/* → path /new/*]")),
        row(
            "a rule moving onto a deleted rule's priority: the old one is parked, deleted last",
            s -> {
              rules(s).remove(1);
              ((ObjectNode) rules(s).get(0)).put("priority", 20);
            },
            inv -> inv,
            List.of(
                "~ rule 20 on HTTPS:443 [priority (temporary, to make room): 20 → 50000]",
                "~ rule 10 on HTTPS:443 [priority: 10 → 20]",
                "- rule 50000 on HTTPS:443")),
        row(
            "default action changed: listener updated",
            s ->
                ((ObjectNode) s.at("/loadBalancer/listeners/1/defaultAction"))
                    .put("targetGroup", "backend"),
            inv -> inv,
            List.of("~ listener HTTPS:443 [defaultAction: forward client → forward backend]")),
        row(
            "pending certificate whose shared wildcard/apex record is missing: written once",
            s -> {},
            inv -> withRecords(withCertificate(inv, "PENDING_VALIDATION"), List.of()),
            List.of(
                "+ validation record _abc.example.com.",
                "+ alias record example.com A",
                "+ alias record www.example.com A")),
        row(
            "own alias (TXT marker) pointing elsewhere: upserted with the old target shown",
            s -> {},
            inv ->
                withRecords(
                    inv,
                    List.of(
                        cname(),
                        new RecordSet("example.com.", "A", null, null, List.of("192.0.2.1")),
                        new RecordSet(
                            "_elbctl.example.com.",
                            "TXT",
                            null,
                            null,
                            List.of("\"elbctl:spec=myapp\"")),
                        alias("www.example.com."))),
            List.of("~ alias record example.com A [target: 192.0.2.1 → dualstack." + LB_DNS + "]")),
        row(
            "desync mitigation mode changed: the load balancer is updated",
            s -> ((ObjectNode) s.get("loadBalancer")).put("desyncMitigationMode", "strictest"),
            inv -> inv,
            List.of("~ load balancer myapp-alb [desyncMitigationMode: defensive → strictest]")),
        row(
            "invalid header fields dropped: the load balancer is updated",
            s -> ((ObjectNode) s.get("loadBalancer")).put("dropInvalidHeaderFields", true),
            inv -> inv,
            List.of("~ load balancer myapp-alb [dropInvalidHeaderFields: false → true]")),
        row(
            "both request-handling settings changed: one update with both fields",
            s ->
                ((ObjectNode) s.get("loadBalancer"))
                    .put("desyncMitigationMode", "monitor")
                    .put("dropInvalidHeaderFields", true),
            inv -> inv,
            List.of(
                "~ load balancer myapp-alb [desyncMitigationMode: defensive → monitor,"
                    + " dropInvalidHeaderFields: false → true]")),
        row(
            "defaults written out in the spec: nothing to do",
            s ->
                ((ObjectNode) s.get("loadBalancer"))
                    .put("desyncMitigationMode", "defensive")
                    .put("dropInvalidHeaderFields", false),
            inv -> inv,
            List.of()),
        row(
            "live mode differs from the spec's default: set back",
            s -> {},
            inv -> withRequestHandling(inv, "monitor", true),
            List.of(
                "~ load balancer myapp-alb [desyncMitigationMode: monitor → defensive,"
                    + " dropInvalidHeaderFields: true → false]")),
        row(
            "dualstack load balancer: AAAA aliases too",
            s -> ((ObjectNode) s.get("loadBalancer")).put("ipAddressType", "dualstack"),
            inv -> Inventory.empty(inv.zone()),
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void plan_matchesTable(
      String name,
      Consumer<JsonNode> specEdit,
      UnaryOperator<Inventory> inventoryEdit,
      List<String> expected) {
    Spec spec = spec(specEdit);
    Plan plan = Planner.plan(spec, inventoryEdit.apply(converged(spec(s -> {}))));
    assertThat(plan.refusals()).isEmpty();
    if (expected == null) {
      assertThat(plan.changes().stream().map(Change::resource))
          .contains("alias record example.com AAAA", "alias record www.example.com AAAA");
      return;
    }
    assertThat(plan.changes().stream().map(PlannerTest::describe).toList())
        .containsExactlyElementsOf(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void plan_refuses(String name, UnaryOperator<Inventory> edit, ExitCode code, String message) {
    Plan plan = Planner.plan(spec(s -> {}), edit.apply(converged(spec(s -> {}))));
    assertThat(plan.refusals()).hasSize(1);
    assertThat(plan.refusals().get(0).exitCode()).isEqualTo(code);
    assertThat(plan.refusals().get(0).message()).startsWith(message);
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of(
            "no hosted zone",
            (UnaryOperator<Inventory>)
                inv ->
                    InventoryEdit.of(
                        inv,
                        e -> {
                          e.zone = null;
                          e.records = List.of();
                          e.network = null;
                        }),
            ExitCode.ERROR,
            "no public Route 53 hosted zone is named example.com."),
        Arguments.of(
            "foreign load balancer",
            (UnaryOperator<Inventory>)
                inv ->
                    InventoryEdit.of(
                        inv,
                        e -> {
                          e.network = null;
                          e.loadBalancer =
                              InventoryEdit.loadBalancer(e.loadBalancer, Map.of("team", "other"));
                        }),
            ExitCode.NOT_OWNED,
            "load balancer myapp-alb exists but was not created for spec myapp (tags: team=other)"),
        Arguments.of(
            "foreign A record at an alias name",
            (UnaryOperator<Inventory>)
                inv ->
                    withRecords(
                        inv,
                        List.of(
                            cname(),
                            new RecordSet("example.com.", "A", null, null, List.of("192.0.2.1")),
                            alias("www.example.com."))),
            ExitCode.NOT_OWNED,
            "the A record example.com. (192.0.2.1) exists but was not created for spec myapp"),
        Arguments.of(
            "CNAME at an alias name",
            (UnaryOperator<Inventory>)
                inv ->
                    withRecords(
                        inv,
                        List.of(
                            cname(),
                            new RecordSet(
                                "www.example.com.", "CNAME", null, null, List.of("x.example.net")),
                            alias("example.com."))),
            ExitCode.NOT_OWNED,
            "a CNAME record www.example.com. → x.example.net exists where the alias record must go"),
        Arguments.of(
            "foreign rule at a priority the spec needs",
            (UnaryOperator<Inventory>)
                inv -> {
                  ListenerState https = inv.listener(443).orElseThrow();
                  List<RuleState> rules = new ArrayList<>(https.rules());
                  RuleState ten = rules.remove(0);
                  rules.add(
                      0, new RuleState("foreign", 10, ten.conditions(), ten.action(), Map.of()));
                  return withListener(inv, https, rules);
                },
            ExitCode.NOT_OWNED,
            "a rule at priority 10 on HTTPS:443 exists but was not created for spec myapp"),
        Arguments.of(
            "target group port changed",
            (UnaryOperator<Inventory>)
                inv -> {
                  List<TargetGroupState> groups = new ArrayList<>(inv.targetGroups());
                  TargetGroupState g = groups.remove(0);
                  groups.add(0, InventoryEdit.targetGroup(g, 3001, g.targets(), g.tags()));
                  return InventoryEdit.of(
                      inv,
                      e -> {
                        e.network = null;
                        e.targetGroups = groups;
                      });
                },
            ExitCode.ERROR,
            "target group client cannot change port 3001 → 3000 in place"));
  }

  @org.junit.jupiter.api.Test
  void idempotencyToken_isStableForTheSameNames_andFitsAcm() {
    String token = ResourceNames.idempotencyToken(spec(s -> {}));
    assertThat(token).matches("\\w{1,32}").isEqualTo(ResourceNames.idempotencyToken(spec(s -> {})));
    assertThat(
            ResourceNames.idempotencyToken(
                spec(
                    s ->
                        ((ArrayNode) s.at("/certificate/subjectAlternativeNames"))
                            .add("a.example.com"))))
        .isNotEqualTo(token);
  }

  @org.junit.jupiter.api.Test
  void everyChangeType_isARecordOfExactlyOneStep() {
    List<Class<?>> records = new ArrayList<>();
    List<Class<?>> open = new ArrayList<>(List.of(Change.class.getPermittedSubclasses()));
    while (!open.isEmpty()) {
      Class<?> type = open.remove(0);
      if (type.isInterface()) {
        open.addAll(List.of(type.getPermittedSubclasses()));
      } else if (!records.contains(type)) {
        assertThat(type.isRecord()).as(type.getSimpleName()).isTrue();
        records.add(type);
      }
    }
    assertThat(records).hasSize(24);
    List<Class<?>> steps =
        List.of(
            Change.CertificateChange.class,
            Change.TargetGroupChange.class,
            Change.LoadBalancerChange.class,
            Change.RuleChange.class,
            Change.DnsChange.class);
    for (Class<?> type : records) {
      long owners = steps.stream().filter(s -> s.isAssignableFrom(type)).count();
      assertThat(owners).as(type.getSimpleName()).isEqualTo(type == Change.Adopt.class ? 0 : 1);
    }
  }

  // ---------------------------------------------------------------- fixtures

  static String describe(Change change) {
    String fields = "";
    if (change instanceof Change.UpdateTargetGroup
        || change instanceof Change.MoveRule
        || change instanceof Change.ModifyRule
        || change instanceof Change.UpdateListener
        || change instanceof Change.UpdateLoadBalancer
        || (change instanceof Change.UpsertAlias && change.kind() == Change.Kind.UPDATE)) {
      fields =
          " ["
              + String.join(
                  ", ",
                  change.fields().stream()
                      .map(f -> f.name() + ": " + f.oldValue() + " → " + f.newValue())
                      .toList())
              + "]";
    }
    return change.kind().symbol + " " + change.resource() + fields;
  }

  private static Arguments row(
      String name,
      Consumer<JsonNode> spec,
      UnaryOperator<Inventory> inventory,
      List<String> expected) {
    return Arguments.of(name, spec, inventory, expected);
  }

  private static ArrayNode rules(JsonNode spec) {
    return (ArrayNode) spec.at("/loadBalancer/listeners/1/rules");
  }

  private static void addRule(JsonNode spec, int priority, String path) {
    ObjectNode rule = rules(spec).addObject();
    rule.put("priority", priority);
    rule.putObject("conditions").putArray("pathPatterns").add(path);
    rule.putObject("action").put("type", "forward").put("targetGroup", "backend");
  }

  static Spec spec(Consumer<JsonNode> edit) {
    try {
      JsonNode tree = JSON.readTree(Files.readString(Path.of("examples/oauth2-split.json")));
      edit.accept(tree);
      SpecResult result = SpecReader.parse(JSON.writeValueAsString(tree));
      assertThat(result.hasErrors()).as(result.problems().toString()).isFalse();
      return result.spec();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What AWS holds after a successful apply of {@code spec}. */
  static Inventory converged(Spec spec) {
    Map<String, String> owned = Ownership.tags(spec.name());
    List<TargetGroupState> groups = new ArrayList<>();
    for (TargetGroup g : spec.targetGroups()) {
      var h = g.healthCheck();
      groups.add(
          new TargetGroupState(
              "tg/" + g.name(),
              g.name(),
              g.protocol(),
              g.port(),
              g.targetType(),
              "vpc-1",
              new io.elbctl.spec.HealthCheck(
                  h.path(),
                  h.matcher(),
                  h.intervalSeconds(),
                  h.timeoutSeconds(),
                  h.healthyThreshold(),
                  h.unhealthyThreshold(),
                  h.port(),
                  g.protocol()),
              g.deregistrationDelaySeconds(),
              g.stickinessSeconds(),
              g.stickinessType(),
              g.stickinessCookieName(),
              g.algorithm(),
              g.slowStartSeconds(),
              g.resolvedTargets(),
              owned));
    }
    List<ListenerState> listeners = new ArrayList<>();
    for (Listener l : spec.loadBalancer().listeners()) {
      List<RuleState> rules = new ArrayList<>();
      for (Rule r : l.rules()) {
        rules.add(
            new RuleState("rule/" + r.priority(), r.priority(), r.conditions(), r.action(), owned));
      }
      listeners.add(
          new ListenerState(
              "listener/" + l.port(),
              l.port(),
              l.protocol(),
              l.sslPolicy(),
              l.https() ? CERT : null,
              l.defaultAction(),
              owned,
              rules));
    }
    var lb =
        new LoadBalancerState(
            "lb",
            "myapp-alb",
            LB_DNS,
            LB_ZONE,
            "active",
            "internet-facing",
            "ipv4",
            List.of("subnet-a", "subnet-b"),
            List.of("sg-1"),
            60,
            LoadBalancer.DEFAULT_DESYNC_MITIGATION_MODE,
            false,
            owned);
    Inventory base =
        new Inventory(
            new HostedZone("Z1", "example.com.", false),
            List.of(),
            List.of(),
            null,
            lb,
            listeners,
            groups);
    return withRecords(
        withCertificate(base, "ISSUED"),
        List.of(cname(), alias("example.com."), alias("www.example.com.")));
  }

  static Inventory withRequestHandling(Inventory inv, String mode, boolean dropInvalid) {
    return InventoryEdit.of(
        inv,
        e ->
            e.loadBalancer =
                InventoryEdit.loadBalancer(
                    e.loadBalancer, mode, dropInvalid, e.loadBalancer.tags()));
  }

  private static RecordSet cname() {
    return new RecordSet(VALIDATION.name(), "CNAME", null, null, List.of(VALIDATION.value()));
  }

  private static RecordSet alias(String name) {
    return new RecordSet(name, "A", "dualstack." + LB_DNS + ".", LB_ZONE, List.of());
  }

  private static Inventory withCertificate(Inventory inv, String status) {
    // ACM gives the apex and the wildcard the same validation record.
    var certificate =
        new CertificateState(
            CERT,
            status,
            List.of("example.com", "*.example.com"),
            true,
            true,
            List.of(VALIDATION, VALIDATION));
    return InventoryEdit.of(inv, e -> e.certificates = List.of(certificate));
  }

  static Inventory withRecords(Inventory inv, List<RecordSet> records) {
    return InventoryEdit.of(inv, e -> e.records = records);
  }

  static Inventory withListener(Inventory inv, ListenerState old, List<RuleState> rules) {
    List<ListenerState> listeners = new ArrayList<>(inv.listeners());
    listeners.set(
        listeners.indexOf(old),
        InventoryEdit.listener(old, old.certificateArn(), old.tags(), rules));
    return InventoryEdit.of(inv, e -> e.listeners = listeners);
  }
}
