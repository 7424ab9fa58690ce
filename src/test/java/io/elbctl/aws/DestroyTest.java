package io.elbctl.aws;

import static io.elbctl.aws.ElbctlRun.REGION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.aws.ElbctlRun.Result;
import io.elbctl.plan.Destroyer;
import io.elbctl.plan.Inventory;
import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecReader;
import io.elbctl.steps.Poller;
import io.elbctl.steps.Progress;
import io.elbctl.steps.StepContext;
import io.elbctl.steps.Teardown;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.acm.model.ResourceInUseException;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.route53.model.RRType;

/** {@code elbctl destroy} against the emulator; what moto cannot answer is faked and so named. */
class DestroyTest extends OnExampleAccount {
  @Test
  void destroy_removesEverythingTheSpecOwns_keepsForeignResourcesAndTheZone_andTwiceIsHarmless() {
    Path spec = account.applied();
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      elb.createTargetGroup(
          r -> r.name("legacy").protocol("HTTP").port(9000).vpcId(elbctl.defaultVpc()));
    }
    account.upsert("api.example.com.", RRType.A, "192.0.2.9");

    Result preview = elbctl.run("plan", "--destroy", "--detailed-exitcode", spec.toString());
    assertThat(preview.code()).as(preview.toString()).isEqualTo(2);
    assertThat(preview.out())
        .containsSubsequence(
            "- alias record example.com. A",
            "- rule 10 on HTTPS:443",
            "- listener HTTP:80",
            "- load balancer myapp-alb",
            "- security group elbctl-myapp-myapp-alb",
            "- target group client",
            "- validation record",
            "- certificate example.com, *.example.com")
        .contains("The hosted zone is never deleted.");

    Result notOnTerminal = elbctl.run("destroy", spec.toString());
    assertThat(notOnTerminal.code()).isEqualTo(4);
    assertThat(notOnTerminal.err()).contains("destroy needs --yes");

    Result destroy = elbctl.run("destroy", spec.toString(), "--yes", "--stats");
    assertThat(destroy.code()).as(destroy.toString()).isZero();
    assertThat(destroy.out()).contains("Destroy complete: 12 deleted.");

    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      assertThat(elb.describeLoadBalancers().loadBalancers()).isEmpty();
      assertThat(elb.describeTargetGroups().targetGroups())
          .extracting(TargetGroup::targetGroupName)
          .containsExactly("legacy");
    }
    try (var ec2 = elbctl.ec2()) {
      assertThat(ec2.describeSecurityGroups().securityGroups())
          .noneMatch(g -> g.groupName().startsWith("elbctl-"));
    }
    try (var acm = emulator.acm(REGION)) {
      assertThat(acm.listCertificates().certificateSummaryList()).isEmpty();
    }
    try (var route53 = emulator.route53()) {
      assertThat(route53.getHostedZone(r -> r.id(zoneId)).hostedZone().name())
          .isEqualTo("example.com.");
      List<String> left = new ArrayList<>();
      route53
          .listResourceRecordSets(r -> r.hostedZoneId(zoneId))
          .resourceRecordSets()
          .forEach(r -> left.add(r.typeAsString() + " " + r.name()));
      assertThat(left)
          .containsExactlyInAnyOrder("NS example.com.", "SOA example.com.", "A api.example.com.");
    }

    Result again = elbctl.run("destroy", spec.toString(), "--yes");
    assertThat(again.code()).as(again.toString()).isZero();
    assertThat(again.out()).contains("Nothing to destroy.");
    assertThat(elbctl.run("plan", "--destroy", "--detailed-exitcode", spec.toString()).code())
        .isZero();

    // Within the hour ACM still maps the spec's idempotency token to the deleted certificate.
    Result rebuilt = elbctl.run("apply", spec.toString(), "--yes");
    assertThat(rebuilt.code()).as(rebuilt.toString()).isZero();
    assertThat(elbctl.run("plan", spec.toString(), "--detailed-exitcode").code()).isZero();
  }

  @Test
  void destroy_neverDeletesForeignRules_soTheirListenerAndLoadBalancerAreKept() {
    Path spec = account.applied();
    String foreign;
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      foreign =
          elb.createRule(
                  r ->
                      r.listenerArn(elbctl.listenerArn(elb, 443))
                          .priority(5)
                          .conditions(
                              RuleCondition.builder()
                                  .field("path-pattern")
                                  .pathPatternConfig(p -> p.values("/team-b/*"))
                                  .build())
                          .actions(
                              Action.builder()
                                  .type("fixed-response")
                                  .fixedResponseConfig(f -> f.statusCode("204"))
                                  .build()))
              .rules()
              .get(0)
              .ruleArn();
    }
    account.apply(spec);
    Result destroy = elbctl.run("destroy", spec.toString(), "--yes");
    assertThat(destroy.code()).as(destroy.toString()).isZero();
    assertThat(destroy.out())
        .contains(
            "kept: listener HTTPS:443 holds rules not created by spec myapp (priority 5); elbctl"
                + " never deletes other teams' rules, so it and load balancer myapp-alb are kept");
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      assertThat(elbctl.rules(elb, 443)).extracting(r -> r.ruleArn()).containsExactly(foreign);
      assertThat(elb.describeLoadBalancers().loadBalancers()).hasSize(1);
      assertThat(elb.describeTargetGroups().targetGroups())
          .extracting(TargetGroup::targetGroupName)
          .containsExactly("client");
    }
    Result again = elbctl.run("destroy", spec.toString(), "--yes");
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("Nothing to destroy.");
  }

  @Test
  void destroy_waitsWhileTheCertificateIsInUse_withFakeAcmInUse() throws Exception {
    Path file = account.applied();
    List<String> progress = new ArrayList<>();
    AtomicInteger refusals = new AtomicInteger(2);
    teardown(file, new AcmInUse(refusals), progress, Duration.ofMinutes(45));
    assertThat(refusals.get()).isZero();
    assertThat(progress)
        .anyMatch(
            l ->
                l.startsWith("= certificate example.com, *.example.com is still in use: ACM still")
                    && l.endsWith("; waiting"))
        .contains("- deleted certificate example.com, *.example.com");
    try (var acm = emulator.acm(REGION)) {
      assertThat(acm.listCertificates().certificateSummaryList()).isEmpty();
    }
  }

  @Test
  void destroy_givesUpWithExitCode5_whenTheCertificateStaysInUse_withFakeAcmInUse() {
    Path file = account.applied();
    assertThatThrownBy(
            () ->
                teardown(
                    file,
                    new AcmInUse(new AtomicInteger(Integer.MAX_VALUE)),
                    new ArrayList<>(),
                    Duration.ofMillis(300)))
        .isInstanceOfSatisfying(
            ElbctlException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.TIMEOUT);
              assertThat(e.getMessage())
                  .startsWith("timed out after ")
                  .contains(
                      "waiting for certificate example.com, *.example.com to be released (ACM"
                          + " still counts the deleted HTTPS listener")
                  .contains("find what still uses it")
                  .contains("ResourceInUseException");
            });
  }

  // ---------------------------------------------------------------- helpers

  /** Runs destroy in process with an extra interceptor and a clock-free poller. */
  private void teardown(
      Path file, ExecutionInterceptor fake, List<String> lines, Duration waitTimeout)
      throws Exception {
    Spec spec = SpecReader.read(file).spec();
    CallStats stats = new CallStats();
    try (AwsClients clients =
        new AwsClients(new AwsSettings(REGION, null, emulator.endpoint()), stats, List.of(fake))) {
      AwsGateway gateway = new AwsGateway(clients);
      Inventory inventory = gateway.read(spec);
      Destroyer.DestroyPlan plan = Destroyer.plan(spec, inventory, gateway.destroyInputs(spec));
      Progress progress =
          new Progress() {
            public void done(String line) {
              lines.add(line);
            }

            public void waiting(String what, Duration elapsed, String status) {}

            public void waited(String what, Duration elapsed) {}
          };
      Poller poller =
          new Poller(
              Duration.ofMillis(1),
              Duration.ofMillis(5),
              d -> Thread.sleep(d.toMillis()),
              stats,
              progress);
      StepContext context =
          new StepContext(spec, inventory, gateway, poller, progress, waitTimeout);
      Teardown.run(plan, context);
    }
  }

  /** Answers DeleteCertificate with ResourceInUseException while {@code remaining} is positive. */
  private static final class AcmInUse implements ExecutionInterceptor {
    private final AtomicInteger remaining;

    AcmInUse(AtomicInteger remaining) {
      this.remaining = remaining;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if ("DeleteCertificate".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
          && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw ResourceInUseException.builder()
            .statusCode(400)
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .errorCode("ResourceInUseException")
                    .errorMessage("Certificate is in use")
                    .build())
            .build();
      }
    }
  }
}
