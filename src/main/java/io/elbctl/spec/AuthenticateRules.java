package io.elbctl.spec;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a rule's authenticate action against ALB's rules: HTTPS listeners only, the fields of its
 * type and none of the other, https endpoints, a session of 1-604800 seconds, and the client secret
 * given by reference.
 */
final class AuthenticateRules extends SpecRules {
  private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern SECRET =
      Pattern.compile(
          "arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\\d{12}:secret:[\\w/+=.@-]+|[\\w/+=.@-]{1,512}");
  private static final Pattern USER_POOL =
      Pattern.compile(
          "arn:aws[a-z-]*:cognito-idp:[a-z0-9-]+:\\d{12}:userpool/[\\w-]+_[0-9A-Za-z]+");

  AuthenticateRules(Spec spec, List<Problem> problems) {
    super(spec, problems);
  }

  void authenticate(String path, Authenticate auth, Listener listener) {
    if (auth == null || auth.type() == null) {
      return;
    }
    oneOf(path + ".type", auth.type(), "oidc", "cognito");
    if (!listener.https()) {
      error(
          path,
          "authenticate actions need an HTTPS listener (ALB answers InvalidLoadBalancerAction)");
    }
    oneOf(
        path + ".onUnauthenticatedRequest",
        auth.onUnauthenticatedRequest(),
        "authenticate",
        "deny",
        "allow");
    range(
        path + ".sessionTimeoutSeconds",
        auth.sessionTimeoutSeconds(),
        1,
        Authenticate.MAX_SESSION_SECONDS);
    if (auth.scope().isBlank()) {
      error(path + ".scope", "must name at least one scope, e.g. \"openid\"");
    }
    if (auth.sessionCookieName().isBlank()) {
      error(path + ".sessionCookieName", "must not be empty");
    }
    if (auth.oidc()) {
      https(path + ".issuer", auth.issuer());
      https(path + ".authorizationEndpoint", auth.authorizationEndpoint());
      https(path + ".tokenEndpoint", auth.tokenEndpoint());
      https(path + ".userInfoEndpoint", auth.userInfoEndpoint());
      required(path + ".clientId", auth.clientId());
      boolean reported = problems.stream().anyMatch(p -> p.path().equals(path + ".clientSecret"));
      if (auth.clientSecret() == null && !reported) {
        error(
            path + ".clientSecret",
            "is required, as {\"env\": \"NAME\"} or {\"secretsManager\": \"ARN_OR_NAME\"}");
      } else if (auth.clientSecret() != null) {
        secretReference(path + ".clientSecret", auth.clientSecret());
      }
      absent(path, "userPoolArn", auth.userPoolArn(), "cognito");
      absent(path, "userPoolClientId", auth.userPoolClientId(), "cognito");
      absent(path, "userPoolDomain", auth.userPoolDomain(), "cognito");
    } else if ("cognito".equals(auth.type())) {
      if (required(path + ".userPoolArn", auth.userPoolArn())
          && !USER_POOL.matcher(auth.userPoolArn()).matches()) {
        error(
            path + ".userPoolArn",
            "must be a user pool ARN such as"
                + " arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123");
      }
      required(path + ".userPoolClientId", auth.userPoolClientId());
      required(path + ".userPoolDomain", auth.userPoolDomain());
      absent(path, "issuer", auth.issuer(), "oidc");
      absent(path, "authorizationEndpoint", auth.authorizationEndpoint(), "oidc");
      absent(path, "tokenEndpoint", auth.tokenEndpoint(), "oidc");
      absent(path, "userInfoEndpoint", auth.userInfoEndpoint(), "oidc");
      absent(path, "clientId", auth.clientId(), "oidc");
      absent(path, "clientSecret", auth.clientSecret(), "oidc");
    }
  }

  private void secretReference(String path, SecretReference secret) {
    if ((secret.env() == null) == (secret.secretsManager() == null)) {
      error(path, "must name exactly one of \"env\" or \"secretsManager\"");
    } else if (secret.env() != null && !ENV.matcher(secret.env()).matches()) {
      error(path + ".env", "must be an environment variable name");
    } else if (secret.secretsManager() != null
        && !SECRET.matcher(secret.secretsManager()).matches()) {
      error(
          path + ".secretsManager",
          "must be a Secrets Manager secret ARN or a name of 1-512 letters, digits and /_+=.@-");
    }
  }

  private boolean required(String path, String value) {
    if (value == null || value.isBlank()) {
      error(path, "is required");
      return false;
    }
    return true;
  }

  private void https(String path, String url) {
    if (required(path, url) && !url.startsWith("https://")) {
      error(path, "must be an https:// URL, got \"" + url + "\"");
    }
  }

  private void absent(String path, String field, Object value, String type) {
    if (value != null) {
      error(path + "." + field, "applies only to type \"" + type + "\"");
    }
  }
}
