package io.elbctl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecReader;
import io.elbctl.spec.SpecResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Authenticate actions as the ALB guide describes them: a signed-out request is redirected to the
 * IdP's authorization endpoint with the authorization-code parameters (or refused with 401, or let
 * through, per onUnauthenticatedRequest); a signed-in one continues to the rule's action.
 */
class AuthenticationTest {
  private static final String OIDC =
      "{\"type\": \"oidc\", \"issuer\": \"https://idp.example.net\","
          + " \"authorizationEndpoint\": \"https://idp.example.net/authorize\","
          + " \"tokenEndpoint\": \"https://idp.example.net/token\","
          + " \"userInfoEndpoint\": \"https://idp.example.net/userinfo\","
          + " \"clientId\": \"my client\", \"clientSecret\": {\"env\": \"OIDC_SECRET\"}%s}";

  private static Router router(String authenticate) {
    String json =
        "{\"apiVersion\":\"elbctl/v1\",\"name\":\"t\",\"region\":\"eu-west-1\","
            + "\"domain\":{\"hostedZone\":\"example.com\",\"records\":[\"example.com\"]},"
            + "\"certificate\":{\"domainName\":\"example.com\"},"
            + "\"targetGroups\":[{\"name\":\"app\",\"port\":3000,\"targetType\":\"ip\","
            + "\"targets\":[{\"id\":\"10.0.0.1\"}]}],"
            + "\"loadBalancer\":{\"name\":\"t-alb\",\"listeners\":[{\"port\":443,\"protocol\":\"HTTPS\","
            + "\"defaultAction\":{\"type\":\"fixed-response\",\"statusCode\":\"404\"},\"rules\":["
            + "{\"priority\":1,\"conditions\":{\"pathPatterns\":[\"/app/*\"]},\"authenticate\":"
            + authenticate
            + ",\"action\":{\"type\":\"forward\",\"targetGroup\":\"app\"}}]}]}}";
    SpecResult result = SpecReader.parse(json);
    assertThat(result.errors()).isEmpty();
    Spec spec = result.spec();
    return Router.compile(spec, Semantics.DEFAULT);
  }

  @Test
  void signedOut_isRedirectedToTheAuthorizationEndpoint() {
    Decision decision =
        router(OIDC.formatted(", \"scope\": \"openid email\""))
            .decide(Request.get("https://example.com/app/x?y=1"), HealthView.ALL_HEALTHY);
    assertThat(decision.priority()).isEqualTo(1);
    assertThat(decision.statusCode()).isEqualTo(302);
    assertThat(decision.location())
        .isEqualTo(
            "https://idp.example.net/authorize?response_type=code&client_id=my%20client"
                + "&redirect_uri=https%3A%2F%2Fexample.com%2Foauth2%2Fidpresponse"
                + "&scope=openid%20email&state=STATE");
    assertThat(decision.targets()).isEmpty();
    assertThat(decision.authentication().outcome()).isEqualTo("redirect");
  }

  @Test
  void aListenerOnAnotherPort_isInTheRedirectUri() {
    Decision decision =
        router(OIDC.formatted(""))
            .decide(
                Request.get("https://example.com:443/app/x").withHeaders(List.of()),
                HealthView.ALL_HEALTHY);
    assertThat(decision.location()).contains("redirect_uri=https%3A%2F%2Fexample.com%2Foauth2");
  }

  @Test
  void denyAnswers401_allowAndSignedInForward() {
    Decision deny =
        router(OIDC.formatted(", \"onUnauthenticatedRequest\": \"deny\""))
            .decide(Request.get("/app/x"), HealthView.ALL_HEALTHY);
    assertThat(deny.statusCode()).isEqualTo(401);
    assertThat(deny.location()).isNull();

    Decision allow =
        router(OIDC.formatted(", \"onUnauthenticatedRequest\": \"allow\""))
            .decide(Request.get("/app/x"), HealthView.ALL_HEALTHY);
    assertThat(allow.statusCode()).isNull();
    assertThat(allow.targetGroup()).isEqualTo("app");
    assertThat(allow.authentication().outcome()).isEqualTo("allow");

    Decision signedIn =
        router(OIDC.formatted("")).decide(Request.get("/app/x"), HealthView.ALL_HEALTHY, true);
    assertThat(signedIn.statusCode()).isNull();
    assertThat(signedIn.targets()).hasSize(1);
    assertThat(signedIn.authentication().outcome()).isEqualTo("authenticated");
  }

  @Test
  void cognito_redirectsToTheUserPoolDomain() {
    Decision decision =
        router(
                "{\"type\": \"cognito\","
                    + " \"userPoolArn\": \"arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123\","
                    + " \"userPoolClientId\": \"abc\", \"userPoolDomain\": \"myapp\"}")
            .decide(Request.get("/app/x"), HealthView.ALL_HEALTHY);
    assertThat(decision.location())
        .startsWith("https://myapp.auth.eu-west-1.amazoncognito.com/oauth2/authorize?")
        .contains("client_id=abc&");
  }

  @Test
  void followStopsAtTheIdentityProvider() {
    List<Decision> hops =
        router(OIDC.formatted("")).follow(Request.get("/app/x"), HealthView.ALL_HEALTHY);
    assertThat(hops).hasSize(1);
  }
}
