package io.elbctl.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbctl.ElbctlException;
import io.elbctl.live.LiveAlb.LiveAction;
import io.elbctl.live.LiveAlb.LiveCertificate;
import io.elbctl.live.LiveAlb.LiveListener;
import io.elbctl.live.LiveAlb.LiveRule;
import io.elbctl.live.LiveAlb.LiveTargetGroup;
import io.elbctl.live.LiveAlb.TargetHealthState;
import io.elbctl.plan.Inventory.HostedZone;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.plan.Inventory.TargetGroupState;
import io.elbctl.spec.Conditions;
import io.elbctl.spec.FixedResponseAction;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.HealthCheck;
import io.elbctl.spec.QueryStringCondition;
import io.elbctl.spec.SpecReader;
import io.elbctl.spec.SpecWriter;
import io.elbctl.spec.Target;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the importer keeps of a live load balancer, and the place of everything it leaves out. */
class SpecImporterTest {
  static final String CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/1";

  static LiveAlb alb(Map<String, String> groupAttributes, LiveRule... rules) {
    LoadBalancerState lb =
        new LoadBalancerState(
            "arn:lb",
            "shop-alb",
            "shop-alb-1.eu-west-1.elb.amazonaws.com",
            "Z32O12XQLNTSW2",
            "active",
            "internet-facing",
            "ipv4",
            List.of("subnet-0123abcd", "subnet-0456abcd"),
            List.of("sg-0123abcd"),
            60,
            "defensive",
            false,
            Map.of());
    TargetGroupState web =
        new TargetGroupState(
            "arn:tg/web",
            "web",
            "HTTP",
            3000,
            "instance",
            "vpc-0123456789abcdef0",
            new HealthCheck(null, null, null, null, null, null, null, "HTTP"),
            300,
            null,
            List.of(new Target("i-0123456789abcdef0", 3000)),
            Map.of());
    LiveListener https =
        new LiveListener(
            "arn:listener/443",
            443,
            "HTTPS",
            "ELBSecurityPolicy-TLS13-1-2-2021-06",
            CERT,
            List.of("arn:aws:acm:eu-west-1:123456789012:certificate/2"),
            "verify",
            List.of(forward(1, "web")),
            List.of(rules));
    return new LiveAlb(
        "eu-west-1",
        lb,
        "vpc-0123456789abcdef0",
        Map.of("deletion_protection.enabled", "true", "idle_timeout.timeout_seconds", "60"),
        List.of(https),
        List.of(
            new LiveTargetGroup(
                web,
                "HTTP1",
                groupAttributes,
                List.of(
                    new TargetHealthState(
                        new Target("i-0123456789abcdef0", 3000),
                        "unhealthy",
                        "Target.Timeout",
                        "timed out")))),
        List.of(
            new LiveCertificate(
                CERT,
                "shop.example",
                List.of("shop.example", "www.shop.example"),
                "ISSUED",
                null,
                "ELIGIBLE")),
        new HostedZone("Z1", "shop.example.", false),
        List.of(
            new RecordSet(
                "shop.example.",
                "A",
                "dualstack.shop-alb-1.eu-west-1.elb.amazonaws.com",
                "Z32O12XQLNTSW2",
                List.of())));
  }

  static LiveAction forward(int order, String group) {
    return new LiveAction("forward", order, new ForwardAction("forward", group, null, null));
  }

  static Conditions paths(String... paths) {
    return new Conditions(List.of(paths), null, null, null, null, null, null, null);
  }

  @Test
  void convert_keepsRoutingAndNames_andAWholeSpecHasNoWarnings() {
    LiveRule rule =
        new LiveRule(
            "arn:r1", 3, List.of("path-pattern"), paths("/api/*"), List.of(forward(1, "web")), 0);
    SpecImporter.Imported imported = SpecImporter.convert(alb(Map.of(), rule));

    assertThat(imported.warnings())
        .extracting(ImportWarning::describe)
        .containsExactly(
            "loadBalancer.attributes.deletion_protection.enabled: true (AWS default false) is not"
                + " expressed by the spec",
            "listeners[443].certificates: extra certificate"
                + " arn:aws:acm:eu-west-1:123456789012:certificate/2 (SNI) left out",
            "listeners[443].mutualAuthentication: mode verify left out");
    var spec = imported.spec();
    assertThat(spec.name()).isEqualTo("shop-alb");
    assertThat(spec.domain().records()).containsExactly("shop.example");
    assertThat(spec.certificate().subjectAlternativeNames()).containsExactly("www.shop.example");
    assertThat(spec.loadBalancer().listeners().get(0).rules().get(0).priority()).isEqualTo(3);
    assertThat(spec.network().securityGroups()).containsExactly("sg-0123abcd");
    String text = SpecWriter.write(spec, imported.notes()).toString();
    var reread = SpecReader.parse(text);
    assertThat(reread.errors()).as(text).isEmpty();
    assertThat(reread.spec()).isEqualTo(spec);
  }

  @Test
  void convert_namesThePlaceOfAuthenticateActions_transforms_andMergedQueryStrings() {
    Conditions queries =
        new Conditions(
            null,
            null,
            null,
            null,
            null,
            List.of(new QueryStringCondition("a", "1"), new QueryStringCondition("b", "2")),
            null,
            null);
    LiveRule authenticated =
        new LiveRule(
            "arn:r3",
            3,
            List.of("query-string", "query-string"),
            queries,
            List.of(new LiveAction("authenticate-oidc", 1, null), forward(2, "web")),
            2);
    LiveRule onlyAuth =
        new LiveRule(
            "arn:r4",
            4,
            List.of("path-pattern"),
            paths("/x"),
            List.of(new LiveAction("authenticate-cognito", 1, null)),
            0);
    SpecImporter.Imported imported =
        SpecImporter.convert(
            alb(
                Map.of("slow_start.duration_seconds", "30", "stickiness.enabled", "false"),
                authenticated,
                onlyAuth));

    assertThat(imported.notes())
        .contains(
            "targetGroups[web].attributes.slow_start.duration_seconds: 30 (AWS default 0) is not"
                + " expressed by the spec",
            "listeners[443].rules[priority 3].conditions: 2 query-string conditions (all must"
                + " match) merged into one (any matches)",
            "listeners[443].rules[priority 3].transforms: 2 transform(s) left out",
            "listeners[443].rules[priority 3].actions[0]: authenticate-oidc action left out",
            "listeners[443].rules[priority 4].actions[0]: authenticate-cognito action left out",
            "listeners[443].rules[priority 4]: left out: it has no forward, redirect or"
                + " fixed-response action");
    assertThat(imported.spec().loadBalancer().listeners().get(0).rules())
        .extracting(r -> r.priority())
        .containsExactly(3);
    var written = SpecWriter.write(imported.spec(), imported.notes());
    assertThat(written.get("importNotes")).hasSize(imported.warnings().size());
    assertThat(SpecReader.parse(written.toString()).errors()).isEmpty();
  }

  @Test
  void convert_withoutAnAliasRecord_isOneSentence() {
    LiveAlb alb = alb(Map.of());
    LiveAlb noAlias =
        new LiveAlb(
            alb.region(),
            alb.loadBalancer(),
            alb.vpcId(),
            alb.attributes(),
            alb.listeners(),
            alb.targetGroups(),
            alb.certificates(),
            null,
            List.of());
    assertThatThrownBy(() -> SpecImporter.convert(noAlias))
        .isInstanceOf(ElbctlException.class)
        .hasMessage(
            "no Route 53 alias record points at the load balancer shop-alb in a hosted zone of its"
                + " certificate's names; name the zone with --hosted-zone (a spec needs at least"
                + " one record name)");
  }

  @Test
  void convert_keepsAFixedResponseDefault() {
    LiveAlb alb = alb(Map.of());
    LiveListener http =
        new LiveListener(
            "arn:l80",
            80,
            "HTTP",
            "ELBSecurityPolicy-2016-08",
            null,
            List.of(),
            null,
            List.of(
                new LiveAction(
                    "fixed-response",
                    1,
                    new FixedResponseAction("fixed-response", "404", null, "no"))),
            List.of());
    LiveAlb both =
        new LiveAlb(
            alb.region(),
            alb.loadBalancer(),
            alb.vpcId(),
            alb.attributes(),
            List.of(alb.listeners().get(0), http),
            alb.targetGroups(),
            alb.certificates(),
            alb.zone(),
            alb.aliases());
    var listeners = SpecImporter.convert(both).spec().loadBalancer().listeners();
    assertThat(listeners.get(0).port()).isEqualTo(80);
    assertThat(listeners.get(0).sslPolicy()).isNull();
    assertThat(listeners.get(0).defaultAction()).isInstanceOf(FixedResponseAction.class);
  }
}
