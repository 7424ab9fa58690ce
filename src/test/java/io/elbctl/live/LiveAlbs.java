package io.elbctl.live;

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
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.HealthCheck;
import io.elbctl.spec.Target;
import java.util.List;
import java.util.Map;

/** A small live load balancer for pure tests: one HTTPS listener, one target group, one alias. */
public final class LiveAlbs {
  private LiveAlbs() {}

  public static final String CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/1";
  public static final String SNI_CERT = "arn:aws:acm:eu-west-1:123456789012:certificate/2";

  public static LiveAlb alb(Map<String, String> groupAttributes, LiveRule... rules) {
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
            null,
            null,
            "round_robin",
            0,
            List.of(new Target("i-0123456789abcdef0", 3000)),
            Map.of());
    LiveListener https =
        new LiveListener(
            "arn:listener/443",
            443,
            "HTTPS",
            "ELBSecurityPolicy-TLS13-1-2-2021-06",
            CERT,
            List.of(SNI_CERT),
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
                "ELIGIBLE"),
            new LiveCertificate(
                SNI_CERT,
                "admin.shop.example",
                List.of("admin.shop.example"),
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

  public static LiveAction forward(int order, String group) {
    return new LiveAction("forward", order, new ForwardAction("forward", group, null, null));
  }

  public static Conditions paths(String... paths) {
    return new Conditions(List.of(paths), null, null, null, null, null, null, null);
  }
}
