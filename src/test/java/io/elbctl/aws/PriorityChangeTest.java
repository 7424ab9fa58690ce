package io.elbctl.aws;

import static io.elbctl.aws.ElbctlRun.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.plan.Plan;
import io.elbctl.plan.Planner;
import io.elbctl.sim.Decision;
import io.elbctl.sim.HealthView;
import io.elbctl.sim.Request;
import io.elbctl.sim.Router;
import io.elbctl.sim.Semantics;
import io.elbctl.spec.Listener;
import io.elbctl.spec.LoadBalancer;
import io.elbctl.spec.Rule;
import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecReader;
import io.elbctl.steps.Poller;
import io.elbctl.steps.Progress;
import io.elbctl.steps.Provisioner;
import io.elbctl.steps.StepContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * Reordering rules never lets a request fall to the default action: after every mutating ELBv2 call
 * the live rules are read back and sample requests are routed through the simulator.
 */
class PriorityChangeTest extends OnExampleAccount {
  private static final Set<String> RULE_CALLS =
      Set.of("CreateRule", "ModifyRule", "SetRulePriorities", "DeleteRule");

  @Test
  void swappingTwoPriorities_neverRoutesASampleToTheDefaultAction() throws Exception {
    Path before = spec(Map.of("/oauth2/authorization/*", 10, "/login/oauth2/code/*", 20), null);
    Path after = spec(Map.of("/oauth2/authorization/*", 20, "/login/oauth2/code/*", 10), null);
    List<String> seen =
        reorder(
            before,
            after,
            1,
            50000,
            List.of("/oauth2/authorization/google", "/login/oauth2/code/google"));
    assertThat(seen).as("one observation per rule call").hasSize(3);
  }

  @Test
  void rotatingThreeRulesInsideAPriorityRange_staysInTheBand_andNeverRoutesToTheDefault()
      throws Exception {
    int[] band = {5, 40};
    Path before =
        spec(Map.of("/oauth2/authorization/*", 10, "/login/oauth2/code/*", 20, "/api/*", 30), band);
    Path after =
        spec(Map.of("/oauth2/authorization/*", 30, "/login/oauth2/code/*", 10, "/api/*", 20), band);
    List<String> seen =
        reorder(
            before,
            after,
            band[0],
            band[1],
            List.of("/oauth2/authorization/google", "/login/oauth2/code/google", "/api/orders"));
    assertThat(seen).hasSizeGreaterThanOrEqualTo(4);
  }

  /**
   * Applies {@code before} with the CLI, then {@code after} in process with an interceptor that
   * checks the live listener after every rule call: every rule within {@code low}-{@code high}, and
   * every sample (a request both orders send to the backend) routed by a rule, never by the default
   * action. Returns what each check saw.
   */
  private List<String> reorder(Path before, Path after, int low, int high, List<String> samples)
      throws Exception {
    account.apply(before);
    Spec spec = SpecReader.read(after).spec();
    Router router = Router.compile(spec, Semantics.DEFAULT);
    List<String> observations = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    ExecutionInterceptor check =
        new ExecutionInterceptor() {
          @Override
          public void afterExecution(
              Context.AfterExecution context, ExecutionAttributes attributes) {
            String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            if (!RULE_CALLS.contains(operation)) {
              return;
            }
            List<Rule> live = liveRules();
            observations.add(operation + " " + live.stream().map(Rule::priority).toList());
            for (Rule rule : live) {
              if (rule.priority() < low || rule.priority() > high) {
                failures.add(operation + " left a rule at " + rule.priority());
              }
            }
            Router liveRouter = Router.compile(withRules(spec, live), Semantics.DEFAULT);
            for (String path : samples) {
              Decision decision =
                  liveRouter.route(Request.get(path).withPort(443), HealthView.ALL_HEALTHY);
              if (decision.isDefault() || !"backend".equals(decision.targetGroup())) {
                failures.add("after " + operation + " " + path + " went to " + decision.ruleName());
              }
            }
          }
        };
    CallStats stats = new CallStats();
    try (AwsClients clients =
        new AwsClients(new AwsSettings(REGION, null, emulator.endpoint()), stats, List.of(check))) {
      AwsGateway gateway = new AwsGateway(clients);
      var inventory = gateway.read(spec);
      Plan plan = Planner.plan(spec, inventory);
      assertThat(plan.refusals()).isEmpty();
      StepContext context =
          new StepContext(
              spec,
              inventory,
              gateway,
              new Poller(
                  Duration.ofMillis(1), Duration.ofMillis(5), d -> {}, stats, Progress.SILENT),
              Progress.SILENT,
              Duration.ofMinutes(1));
      Provisioner.apply(plan, context);
    }
    assertThat(failures).as(String.join("\n", observations)).isEmpty();
    // The samples are routed by a rule in the target spec, so a default answer above was a gap.
    assertThat(
            router
                .route(Request.get(samples.get(0)).withPort(443), HealthView.ALL_HEALTHY)
                .isDefault())
        .isFalse();
    assertThat(elbctl.run("plan", after.toString(), "--detailed-exitcode").code()).isZero();
    return observations;
  }

  private List<Rule> liveRules() {
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      Map<String, String> names = new HashMap<>();
      elb.describeTargetGroups()
          .targetGroups()
          .forEach(g -> names.put(g.targetGroupArn(), g.targetGroupName()));
      List<Rule> rules = new ArrayList<>();
      for (var rule : elbctl.rules(elb, 443)) {
        rules.add(
            new Rule(
                Integer.valueOf(rule.priority()),
                ElbTranslation.conditions(rule.conditions()),
                ElbTranslation.action(rule.actions(), arn -> names.getOrDefault(arn, arn))));
      }
      return rules;
    }
  }

  private static Spec withRules(Spec spec, List<Rule> rules) {
    List<Listener> listeners = new ArrayList<>();
    for (Listener l : spec.loadBalancer().listeners()) {
      listeners.add(
          l.port() == 443
              ? new Listener(l.port(), l.protocol(), l.sslPolicy(), l.defaultAction(), null, rules)
              : l);
    }
    LoadBalancer lb = spec.loadBalancer();
    return new Spec(
        spec.apiVersion(),
        spec.name(),
        spec.region(),
        spec.domain(),
        spec.certificate(),
        spec.network(),
        spec.targetGroups(),
        new LoadBalancer(
            lb.name(), lb.scheme(), lb.ipAddressType(), lb.idleTimeoutSeconds(), listeners));
  }

  /** The example spec whose HTTPS rules forward these paths to the backend at these priorities. */
  private Path spec(Map<String, Integer> priorities, int[] band) {
    return elbctl.spec(
        s -> {
          ObjectNode listener = (ObjectNode) s.at("/loadBalancer/listeners/1");
          if (band != null) {
            listener.putObject("priorityRange").put("from", band[0]).put("to", band[1]);
          }
          ArrayNode rules = listener.putArray("rules");
          priorities.entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .forEach(
                  e -> {
                    ObjectNode rule = rules.addObject();
                    rule.put("priority", e.getValue());
                    rule.putObject("conditions").putArray("pathPatterns").add(e.getKey());
                    rule.putObject("action").put("type", "forward").put("targetGroup", "backend");
                  });
        });
  }
}
