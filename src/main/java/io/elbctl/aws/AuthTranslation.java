package io.elbctl.aws;

import io.elbctl.spec.Authenticate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AuthenticateCognitoActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AuthenticateOidcActionConfig;

/**
 * Translates a rule's authenticate action to ELBv2's and back. The client secret comes from {@link
 * SecretReader} only to send it; AWS never returns it, so the live rule is compared without it.
 */
final class AuthTranslation {
  private AuthTranslation() {}

  /** The rule's actions: the authenticate action first, then its terminal action, in order. */
  static List<Action> withTerminal(
      Authenticate auth, List<Action> terminal, Function<Authenticate, String> secrets) {
    if (auth == null) {
      return terminal;
    }
    List<Action> all = new ArrayList<>();
    all.add(action(auth, secrets).toBuilder().order(1).build());
    for (Action action : terminal) {
      all.add(action.toBuilder().order(all.size() + 1).build());
    }
    return all;
  }

  private static Action action(Authenticate auth, Function<Authenticate, String> secrets) {
    Action.Builder action = Action.builder().type(auth.actionType());
    if (auth.oidc()) {
      action.authenticateOidcConfig(
          AuthenticateOidcActionConfig.builder()
              .issuer(auth.issuer())
              .authorizationEndpoint(auth.authorizationEndpoint())
              .tokenEndpoint(auth.tokenEndpoint())
              .userInfoEndpoint(auth.userInfoEndpoint())
              .clientId(auth.clientId())
              .clientSecret(secrets.apply(auth))
              .scope(auth.scope())
              .sessionCookieName(auth.sessionCookieName())
              .sessionTimeout(auth.sessionTimeoutSeconds().longValue())
              .onUnauthenticatedRequest(auth.onUnauthenticatedRequest())
              .build());
    } else {
      action.authenticateCognitoConfig(
          AuthenticateCognitoActionConfig.builder()
              .userPoolArn(auth.userPoolArn())
              .userPoolClientId(auth.userPoolClientId())
              .userPoolDomain(auth.userPoolDomain())
              .scope(auth.scope())
              .sessionCookieName(auth.sessionCookieName())
              .sessionTimeout(auth.sessionTimeoutSeconds().longValue())
              .onUnauthenticatedRequest(auth.onUnauthenticatedRequest())
              .build());
    }
    return action.build();
  }

  /** The live authenticate action as the spec writes it, without its secret; null when none. */
  static Authenticate authenticate(List<Action> live) {
    for (Action action : live) {
      AuthenticateOidcActionConfig oidc = action.authenticateOidcConfig();
      if ("authenticate-oidc".equals(action.typeAsString()) && oidc != null) {
        return new Authenticate(
            "oidc",
            oidc.issuer(),
            oidc.authorizationEndpoint(),
            oidc.tokenEndpoint(),
            oidc.userInfoEndpoint(),
            oidc.clientId(),
            null,
            null,
            null,
            null,
            oidc.onUnauthenticatedRequestAsString(),
            oidc.scope(),
            oidc.sessionCookieName(),
            oidc.sessionTimeout() == null ? null : oidc.sessionTimeout().intValue());
      }
      AuthenticateCognitoActionConfig cognito = action.authenticateCognitoConfig();
      if ("authenticate-cognito".equals(action.typeAsString()) && cognito != null) {
        return new Authenticate(
            "cognito",
            null,
            null,
            null,
            null,
            null,
            null,
            cognito.userPoolArn(),
            cognito.userPoolClientId(),
            cognito.userPoolDomain(),
            cognito.onUnauthenticatedRequestAsString(),
            cognito.scope(),
            cognito.sessionCookieName(),
            cognito.sessionTimeout() == null ? null : cognito.sessionTimeout().intValue());
      }
    }
    return null;
  }
}
