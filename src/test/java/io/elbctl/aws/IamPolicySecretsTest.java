package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.aws.IamPolicy.Statement;
import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecFixtures;
import io.elbctl.spec.SpecReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GetSecretValue is granted only when the spec reads a client secret from Secrets Manager. */
class IamPolicySecretsTest {
  private static final String RULE = "loadBalancer.listeners[1].rules[0]";
  private static final String OIDC =
      "{\"type\": \"oidc\", \"issuer\": \"https://idp\", \"authorizationEndpoint\": \"https://idp/a\","
          + " \"tokenEndpoint\": \"https://idp/t\", \"userInfoEndpoint\": \"https://idp/u\","
          + " \"clientId\": \"c\", \"clientSecret\": ";

  @Test
  void aSecretByName_isGrantedWithSecretsManagersSuffix_inTheSpecsRegion() {
    Spec spec = spec("{\"secretsManager\": \"oidc/app\"}");

    assertThat(readSecret(spec))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.actions()).containsExactly("secretsmanager:GetSecretValue");
              assertThat(s.resources())
                  .containsExactly(
                      "arn:aws:secretsmanager:" + spec.region() + ":*:secret:oidc/app-??????");
            });
  }

  @Test
  void aSecretByArn_isGrantedThatArnOnly() {
    String arn = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:oidc/app-AbCdEf";

    assertThat(readSecret(spec("{\"secretsManager\": \"" + arn + "\"}")))
        .singleElement()
        .satisfies(s -> assertThat(s.resources()).containsExactly(arn));
  }

  @Test
  void aSecretFromTheEnvironment_orNone_grantsNoSecretsManagerAction() {
    assertThat(readSecret(spec("{\"env\": \"OIDC_SECRET\"}"))).isEmpty();
    assertThat(readSecret(SpecReader.parse(SpecFixtures.exampleText("oauth2-split.json")).spec()))
        .isEmpty();
  }

  private static Spec spec(String reference) {
    return SpecReader.parse(
            SpecFixtures.with("oauth2-split.json", RULE + ".authenticate", OIDC + reference + "}"))
        .spec();
  }

  private static List<Statement> readSecret(Spec spec) {
    return IamPolicy.statements(spec, "Z123", null).stream()
        .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("secretsmanager:")))
        .toList();
  }
}
