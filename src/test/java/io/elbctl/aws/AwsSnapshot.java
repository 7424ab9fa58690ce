package io.elbctl.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.CertificateDetail;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Everything that exists in one emulator account, as sorted lines with ARNs and ids replaced by
 * names, so two accounts built the same way compare equal and a duplicate shows as a second line:
 * load balancers with attributes, listeners, rules, target groups with attributes and target
 * health, security groups with ingress, every ACM certificate and every Route 53 record, each with
 * its tags.
 */
final class AwsSnapshot {
  private final String endpoint;
  private final String account;
  private final String region;
  private final Map<String, String> names = new HashMap<>();

  private AwsSnapshot(String endpoint, String account, String region) {
    this.endpoint = endpoint;
    this.account = account;
    this.region = region;
  }

  /** The account's resources in {@code region} and the records of {@code zoneId}. */
  static List<String> take(String endpoint, String account, String region, String zoneId) {
    return new AwsSnapshot(endpoint, account, region).lines(zoneId);
  }

  /** An SDK client straight to moto, in {@code account}. */
  static <B extends AwsClientBuilder<B, ?>> B client(
      B builder, Region region, String endpoint, String account) {
    return builder
        .region(region)
        .endpointOverride(URI.create(endpoint))
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))
        .overrideConfiguration(c -> c.putHeader("x-moto-account-id", account));
  }

  private <B extends AwsClientBuilder<B, ?>> B client(B builder, Region region) {
    return client(builder, region, endpoint, account);
  }

  private List<String> lines(String zoneId) {
    List<String> raw = new ArrayList<>();
    try (ElasticLoadBalancingV2Client elb =
            client(ElasticLoadBalancingV2Client.builder(), Region.of(region)).build();
        Ec2Client ec2 = client(Ec2Client.builder(), Region.of(region)).build();
        AcmClient acm = client(AcmClient.builder(), Region.of(region)).build();
        Route53Client route53 = client(Route53Client.builder(), Region.AWS_GLOBAL).build()) {
      for (SecurityGroup group : ec2.describeSecurityGroups().securityGroups()) {
        names.put(group.groupId(), "sg:" + group.groupName());
        if (!group.groupName().equals("default")) {
          raw.add(
              "security-group "
                  + group.groupName()
                  + " description="
                  + group.description()
                  + " ingress="
                  + group.ipPermissions().stream()
                      .map(
                          p ->
                              p.ipProtocol()
                                  + ":"
                                  + p.fromPort()
                                  + "-"
                                  + p.toPort()
                                  + " "
                                  + p.ipRanges().stream().map(r -> r.cidrIp()).sorted().toList()
                                  + " "
                                  + p.ipv6Ranges().stream()
                                      .map(r -> r.cidrIpv6())
                                      .sorted()
                                      .toList())
                      .sorted()
                      .toList()
                  + " tags="
                  + sortedTags(
                      group.tags().stream()
                          .collect(
                              java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value()))));
        }
      }
      for (var summary : acm.listCertificates().certificateSummaryList()) {
        CertificateDetail c =
            acm.describeCertificate(r -> r.certificateArn(summary.certificateArn())).certificate();
        names.put(c.certificateArn(), "certificate:" + c.domainName());
        Map<String, String> tags = new TreeMap<>();
        acm.listTagsForCertificate(r -> r.certificateArn(c.certificateArn()))
            .tags()
            .forEach(t -> tags.put(t.key(), t.value()));
        raw.add(
            "certificate "
                + c.domainName()
                + " names="
                + c.subjectAlternativeNames().stream().sorted().toList()
                + " status="
                + c.statusAsString()
                + " validation="
                + c.domainValidationOptions().get(0).validationMethodAsString()
                + " tags="
                + tags);
      }
      List<String> arns = new ArrayList<>();
      List<TargetGroup> groups = elb.describeTargetGroups().targetGroups();
      for (TargetGroup g : groups) {
        names.put(g.targetGroupArn(), "target-group:" + g.targetGroupName());
        arns.add(g.targetGroupArn());
      }
      List<LoadBalancer> albs = elb.describeLoadBalancers().loadBalancers();
      Map<LoadBalancer, List<Listener>> listeners = new HashMap<>();
      Map<Listener, List<Rule>> rules = new HashMap<>();
      for (LoadBalancer lb : albs) {
        names.put(lb.loadBalancerArn(), "load-balancer:" + lb.loadBalancerName());
        names.put(lb.dnsName(), "<dns of " + lb.loadBalancerName() + ">");
        names.put(lb.dnsName().toLowerCase(), "<dns of " + lb.loadBalancerName() + ">");
        arns.add(lb.loadBalancerArn());
        List<Listener> ls =
            elb.describeListeners(r -> r.loadBalancerArn(lb.loadBalancerArn())).listeners();
        listeners.put(lb, ls);
        for (Listener l : ls) {
          names.put(l.listenerArn(), "listener:" + lb.loadBalancerName() + ":" + l.port());
          arns.add(l.listenerArn());
          List<Rule> rs = elb.describeRules(r -> r.listenerArn(l.listenerArn())).rules();
          rules.put(l, rs);
          for (Rule rule : rs) {
            names.put(rule.ruleArn(), "rule:" + l.port() + ":" + rule.priority());
            if (!rule.isDefault()) {
              arns.add(rule.ruleArn());
            }
          }
        }
      }
      Map<String, Map<String, String>> tags = new HashMap<>();
      for (int i = 0; i < arns.size(); i += 20) {
        List<String> batch = arns.subList(i, Math.min(arns.size(), i + 20));
        for (var d : elb.describeTags(r -> r.resourceArns(batch)).tagDescriptions()) {
          Map<String, String> map = new TreeMap<>();
          d.tags().forEach(t -> map.put(t.key(), t.value()));
          tags.put(d.resourceArn(), map);
        }
      }
      for (TargetGroup g : groups) {
        Map<String, String> attributes = new TreeMap<>();
        elb.describeTargetGroupAttributes(r -> r.targetGroupArn(g.targetGroupArn()))
            .attributes()
            .forEach(a -> attributes.put(a.key(), a.value()));
        List<String> health =
            elb
                .describeTargetHealth(r -> r.targetGroupArn(g.targetGroupArn()))
                .targetHealthDescriptions()
                .stream()
                .map(
                    d ->
                        d.target().id()
                            + ":"
                            + d.target().port()
                            + ":"
                            + d.targetHealth().stateAsString())
                .sorted()
                .toList();
        raw.add(
            "target-group "
                + g.toBuilder().targetGroupArn(null).build()
                + " attributes="
                + attributes
                + " targets="
                + health
                + " tags="
                + tags.get(g.targetGroupArn()));
      }
      for (LoadBalancer lb : albs) {
        Map<String, String> attributes = new TreeMap<>();
        elb.describeLoadBalancerAttributes(r -> r.loadBalancerArn(lb.loadBalancerArn()))
            .attributes()
            .forEach(a -> attributes.put(a.key(), a.value()));
        raw.add(
            "load-balancer "
                + lb.toBuilder().createdTime(null).vpcId(null).build()
                + " attributes="
                + attributes
                + " tags="
                + tags.get(lb.loadBalancerArn()));
        for (Listener l : listeners.get(lb)) {
          raw.add("listener " + l + " tags=" + tags.get(l.listenerArn()));
          for (Rule rule : rules.get(l)) {
            raw.add(
                "rule "
                    + rule
                    + " on "
                    + names.get(l.listenerArn())
                    + " tags="
                    + (rule.isDefault() ? "-" : tags.get(rule.ruleArn())));
          }
        }
      }
      if (zoneId != null) {
        for (ResourceRecordSet set :
            route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)).resourceRecordSets()) {
          raw.add("record " + set);
        }
      }
    }
    List<String> lines = new ArrayList<>();
    for (String line : raw) {
      lines.add(normalize(line));
    }
    lines.sort(null);
    return lines;
  }

  private String normalize(String line) {
    String result = line;
    // Longest first, so an ARN is replaced before a prefix of it.
    List<String> keys = new ArrayList<>(names.keySet());
    keys.sort((a, b) -> b.length() - a.length());
    for (String key : keys) {
      result = result.replace(key, names.get(key));
    }
    return result
        .replaceAll("subnet-[0-9a-f]+", "subnet-*")
        .replaceAll("vpc-[0-9a-f]+", "vpc-*")
        .replaceAll("sg-[0-9a-f]+", "sg-*")
        .replaceAll("serial=\\d+", "serial=*");
  }

  private static Map<String, String> sortedTags(Map<String, String> tags) {
    return new TreeMap<>(tags);
  }
}
