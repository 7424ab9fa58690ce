package io.elbctl.aws;

import static io.elbctl.aws.ElbctlRun.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.aws.ElbctlRun.Result;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;

/**
 * SNI certificates against the emulator: each extra certificate is requested and DNS-validated like
 * the default one and added to the HTTPS listener; the setup converges, a certificate removed in
 * the console is drift that apply adds back, and one dropped from the spec is removed.
 */
class SniCertificatesTest extends OnExampleAccount {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void extraCertificates_areValidatedAdded_converge_andDriftIsRepaired() {
    Path spec = elbctl.spec(s -> extras(s, "api.example.com", "shop.example.com"));
    Result created = elbctl.run("apply", spec.toString(), "--yes");
    assertThat(created.code()).as(created.toString()).isZero();
    assertThat(servedNames()).containsExactlyInAnyOrder("api.example.com", "shop.example.com");
    Result plan = elbctl.run("plan", spec.toString(), "--detailed-exitcode");
    assertThat(plan.code()).as(plan.toString()).isZero();

    // Removed in the console: drift of the listener, repaired by apply.
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION)) {
      String listener = httpsListener(elb);
      String arn = extraArns(elb, listener).get(0);
      elb.removeListenerCertificates(
          r -> r.listenerArn(listener).certificates(c -> c.certificateArn(arn)));
    }
    Result drift = elbctl.run("plan", spec.toString(), "--detailed-exitcode", "--output", "json");
    assertThat(drift.code()).as(drift.toString()).isEqualTo(2);
    JsonNode changes = drift.json().get("changes");
    assertThat(changes).hasSize(1);
    assertThat(changes.at("/0/resource").asText()).isEqualTo("listener HTTPS:443");
    assertThat(changes.at("/0/fields/0/name").asText()).isEqualTo("certificates");
    Result repaired = elbctl.run("apply", spec.toString(), "--yes");
    assertThat(repaired.code()).as(repaired.toString()).isZero();
    assertThat(servedNames()).containsExactlyInAnyOrder("api.example.com", "shop.example.com");
    assertThat(elbctl.run("plan", spec.toString(), "--detailed-exitcode").code()).isZero();

    // Dropped from the spec: removed from the listener, even the last one.
    Path none = elbctl.spec(s -> {});
    Result dropped = elbctl.run("apply", none.toString(), "--yes");
    assertThat(dropped.code()).as(dropped.toString()).isZero();
    assertThat(servedNames()).isEmpty();
    Result after = elbctl.run("plan", none.toString(), "--detailed-exitcode");
    assertThat(after.code()).as(after.toString()).isZero();
  }

  private static void extras(JsonNode spec, String... names) {
    ArrayNode certificates =
        ((ObjectNode) spec.at("/loadBalancer/listeners/1")).putArray("certificates");
    for (String name : names) {
      certificates.addObject().put("domainName", name);
    }
  }

  private List<String> servedNames() {
    try (ElasticLoadBalancingV2Client elb = emulator.elb(REGION);
        AcmClient acm = emulator.acm(REGION)) {
      return extraArns(elb, httpsListener(elb)).stream()
          .map(
              arn -> acm.describeCertificate(r -> r.certificateArn(arn)).certificate().domainName())
          .toList();
    }
  }

  private static List<String> extraArns(ElasticLoadBalancingV2Client elb, String listener) {
    return elb.describeListenerCertificates(r -> r.listenerArn(listener)).certificates().stream()
        .filter(c -> !Boolean.TRUE.equals(c.isDefault()))
        .map(c -> c.certificateArn())
        .toList();
  }

  private static String httpsListener(ElasticLoadBalancingV2Client elb) {
    String lb = elb.describeLoadBalancers().loadBalancers().get(0).loadBalancerArn();
    return elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().stream()
        .filter(l -> l.port() == 443)
        .findFirst()
        .orElseThrow()
        .listenerArn();
  }
}
