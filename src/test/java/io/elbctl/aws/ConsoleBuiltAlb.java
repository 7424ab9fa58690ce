package io.elbctl.aws;

import static io.elbctl.aws.ElbctlRun.REGION;

import java.util.List;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * An ALB built through the SDK the way the console builds it, with no elbctl tag anywhere: a
 * certificate for example.com and *.example.com validated through Route 53, the target groups
 * {@code frontend} (3000) and {@code backend} (8080) with one target each, a security group,
 * HTTP:80 redirected to HTTPS, HTTPS:443 forwarding to {@code frontend} with the OAuth2 paths at
 * priorities 1 and 2 forwarded to {@code backend}, and alias records example.com and
 * www.example.com.
 */
final class ConsoleBuiltAlb {
  static final String NAME = "console-alb";
  static final String TARGET = "i-0123456789abcdef0";

  final String loadBalancerArn;
  final String dnsName;
  final String certificateArn;
  final String frontendArn;
  final String backendArn;
  final String httpsListenerArn;

  private ConsoleBuiltAlb(
      String loadBalancerArn,
      String dnsName,
      String certificateArn,
      String frontendArn,
      String backendArn,
      String httpsListenerArn) {
    this.loadBalancerArn = loadBalancerArn;
    this.dnsName = dnsName;
    this.certificateArn = certificateArn;
    this.frontendArn = frontendArn;
    this.backendArn = backendArn;
    this.httpsListenerArn = httpsListenerArn;
  }

  /** Builds the ALB in the account's region, its records in the zone {@code zoneId}. */
  static ConsoleBuiltAlb build(ExampleAccount account) {
    Emulator emulator = account.emulator;
    ElbctlRun elbctl = account.elbctl;
    try (AcmClient acm = emulator.acm(REGION);
        ElasticLoadBalancingV2Client elb = emulator.elb(REGION);
        Ec2Client ec2 = elbctl.ec2()) {
      String certificate =
          acm.requestCertificate(
                  r ->
                      r.domainName("example.com")
                          .subjectAlternativeNames("*.example.com")
                          .validationMethod("DNS"))
              .certificateArn();
      CertificateDetail detail =
          acm.describeCertificate(r -> r.certificateArn(certificate)).certificate();
      var validation = detail.domainValidationOptions().get(0).resourceRecord();
      account.upsert(validation.name(), RRType.CNAME, validation.value());
      // The console offers only an issued certificate for an HTTPS listener.
      io.elbctl.Await.until(
          () ->
              acm.describeCertificate(r -> r.certificateArn(certificate))
                  .certificate()
                  .statusAsString()
                  .equals("ISSUED"),
          "certificate " + certificate + " issued");
      String vpc = elbctl.defaultVpc();
      String frontend = group(elb, "frontend", 3000, "/", vpc);
      String backend = group(elb, "backend", 8080, "/actuator/health", vpc);
      String securityGroup =
          ec2.createSecurityGroup(r -> r.groupName("console-alb-sg").description("web").vpcId(vpc))
              .groupId();
      LoadBalancer lb =
          elb.createLoadBalancer(
                  r ->
                      r.name(NAME)
                          .subnets(elbctl.defaultSubnets())
                          .securityGroups(securityGroup)
                          .scheme("internet-facing")
                          .type("application")
                          .ipAddressType("ipv4"))
              .loadBalancers()
              .get(0);
      elb.createListener(
          r ->
              r.loadBalancerArn(lb.loadBalancerArn())
                  .port(80)
                  .protocol("HTTP")
                  .defaultActions(
                      a ->
                          a.type("redirect")
                              .redirectConfig(
                                  c ->
                                      c.protocol("HTTPS")
                                          .port("443")
                                          .host("#{host}")
                                          .path("/#{path}")
                                          .query("#{query}")
                                          .statusCode("HTTP_301"))));
      String https =
          elb.createListener(
                  r ->
                      r.loadBalancerArn(lb.loadBalancerArn())
                          .port(443)
                          .protocol("HTTPS")
                          .sslPolicy("ELBSecurityPolicy-TLS13-1-2-2021-06")
                          .certificates(c -> c.certificateArn(certificate))
                          .defaultActions(forward(frontend)))
              .listeners()
              .get(0)
              .listenerArn();
      int priority = 1;
      for (String path : List.of("/oauth2/authorization/*", "/login/oauth2/code/*")) {
        int p = priority++;
        elb.createRule(
            r ->
                r.listenerArn(https)
                    .priority(p)
                    .conditions(c -> c.field("path-pattern").pathPatternConfig(v -> v.values(path)))
                    .actions(forward(backend)));
      }
      String canonicalZone =
          elb.describeLoadBalancers(r -> r.loadBalancerArns(lb.loadBalancerArn()))
              .loadBalancers()
              .get(0)
              .canonicalHostedZoneId();
      for (String name : List.of("example.com", "www.example.com")) {
        account.upsert(
            ResourceRecordSet.builder()
                .name(name)
                .type(RRType.A)
                .aliasTarget(
                    a ->
                        a.dnsName("dualstack." + lb.dnsName())
                            .hostedZoneId(canonicalZone)
                            .evaluateTargetHealth(true))
                .build());
      }
      return new ConsoleBuiltAlb(
          lb.loadBalancerArn(), lb.dnsName(), certificate, frontend, backend, https);
    }
  }

  private static Action forward(String groupArn) {
    return Action.builder().type("forward").targetGroupArn(groupArn).build();
  }

  private static String group(
      ElasticLoadBalancingV2Client elb, String name, int port, String healthPath, String vpc) {
    String arn =
        elb.createTargetGroup(
                r ->
                    r.name(name)
                        .protocol("HTTP")
                        .port(port)
                        .vpcId(vpc)
                        .targetType("instance")
                        .healthCheckPath(healthPath)
                        .matcher(m -> m.httpCode("200")))
            .targetGroups()
            .get(0)
            .targetGroupArn();
    elb.registerTargets(r -> r.targetGroupArn(arn).targets(t -> t.id(TARGET).port(port)));
    return arn;
  }
}
