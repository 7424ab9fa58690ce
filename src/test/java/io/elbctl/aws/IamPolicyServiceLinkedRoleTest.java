package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.elbctl.aws.ElbctlRun.Result;
import io.elbctl.plan.Diagnosis;
import java.net.URI;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * doctor says whether Elastic Load Balancing's service-linked role exists (the account's first load
 * balancer needs iam:CreateServiceLinkedRole, which iam-policy grants), asking IAM each time.
 */
class IamPolicyServiceLinkedRoleTest extends OnExampleAccount {
  @Test
  void doctor_withoutTheRole_warnsThatTheFirstLoadBalancerNeedsCreateServiceLinkedRole() {
    JsonNode check = roleCheck();
    assertThat(check.get("result").asText()).isEqualTo("warn");
    assertThat(check.get("message").asText())
        .isEqualTo(
            "AWSServiceRoleForElasticLoadBalancing does not exist yet: AWS creates it with the"
                + " account's first load balancer, which needs iam:CreateServiceLinkedRole for"
                + " elasticloadbalancing.amazonaws.com (elbctl iam-policy grants it)");
  }

  @Test
  void doctor_withTheRole_saysItExists() {
    try (IamClient iam =
        IamClient.builder()
            .region(Region.AWS_GLOBAL)
            .endpointOverride(URI.create(emulator.endpoint()))
            .build()) {
      // moto's CreateServiceLinkedRole names this role AWSServiceRoleForElasticloadbalancing;
      // AWS names it as below, so the role is made as AWS would make it.
      iam.createRole(
          r ->
              r.roleName(ServiceLinkedRoles.ROLE)
                  .path("/" + ServiceLinkedRoles.PATH)
                  .assumeRolePolicyDocument(
                      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                          + "\"Principal\":{\"Service\":\""
                          + ServiceLinkedRoles.SERVICE
                          + "\"},\"Action\":\"sts:AssumeRole\"}]}"));
      assertThat(iam.getRole(r -> r.roleName(ServiceLinkedRoles.ROLE)).role().path())
          .isEqualTo("/" + ServiceLinkedRoles.PATH);
    }
    JsonNode check = roleCheck();
    assertThat(check.get("result").asText()).isEqualTo("ok");
    assertThat(check.get("message").asText())
        .isEqualTo("AWSServiceRoleForElasticLoadBalancing exists");
  }

  @Test
  void aRefusedGetRole_skipsTheCheck_andSaysWhy() {
    Diagnosis.Finding finding =
        Diagnosis.serviceLinkedRole(
            Diagnosis.RoleAnswer.unknown(
                ServiceLinkedRoles.ROLE, "IAM refused GetRole (AccessDenied)"));
    assertThat(finding.level()).isEqualTo(Diagnosis.Level.SKIPPED);
    assertThat(finding.message())
        .isEqualTo(
            "IAM refused GetRole (AccessDenied), so whether AWSServiceRoleForElasticLoadBalancing"
                + " exists was not checked; the account's first load balancer needs"
                + " iam:CreateServiceLinkedRole");
  }

  private JsonNode roleCheck() {
    Result result = elbctl.run("doctor", elbctl.spec(s -> {}).toString(), "--output", "json");
    for (JsonNode finding : result.json().path("checks")) {
      if (finding.path("check").asText().equals("service-linked role")) {
        return finding;
      }
    }
    throw new AssertionError("doctor printed no service-linked role check:\n" + result);
  }
}
