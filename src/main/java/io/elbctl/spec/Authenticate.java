package io.elbctl.spec;

/**
 * ALB's authenticate-oidc or authenticate-cognito action, run before the rule's action on an HTTPS
 * listener: a request without a valid session is sent to the identity provider, refused or let
 * through, as {@code onUnauthenticatedRequest} says.
 */
public record Authenticate(
    @Required @Doc("oidc (authenticate-oidc) or cognito (authenticate-cognito).") String type,
    @Doc("oidc: the OIDC issuer, an https URL.") String issuer,
    @Doc("oidc: the IdP's authorization endpoint, an https URL.") String authorizationEndpoint,
    @Doc("oidc: the IdP's token endpoint, an https URL.") String tokenEndpoint,
    @Doc("oidc: the IdP's user info endpoint, an https URL.") String userInfoEndpoint,
    @Doc("oidc: the OAuth 2.0 client id.") String clientId,
    @Doc("oidc: the client secret, by reference only: {\"env\": \"NAME\"}.")
        SecretReference clientSecret,
    @Doc("cognito: the user pool's ARN.") String userPoolArn,
    @Doc("cognito: the user pool app client id.") String userPoolClientId,
    @Doc("cognito: the user pool's domain prefix or full domain.") String userPoolDomain,
    @Doc("authenticate (default): redirect to the IdP; deny: answer 401; allow: forward anyway.")
        String onUnauthenticatedRequest,
    @Doc("Scopes asked of the IdP, space-separated (default \"openid\").") String scope,
    @Doc("Name of ALB's session cookie (default AWSELBAuthSessionCookie).")
        String sessionCookieName,
    @Doc("Session lifetime in seconds, 1-604800 (default 604800, seven days).")
        Integer sessionTimeoutSeconds) {

  public static final String DEFAULT_COOKIE = "AWSELBAuthSessionCookie";
  public static final int MAX_SESSION_SECONDS = 604_800;

  public Authenticate {
    onUnauthenticatedRequest =
        onUnauthenticatedRequest == null ? "authenticate" : onUnauthenticatedRequest;
    scope = scope == null ? "openid" : scope;
    sessionCookieName = sessionCookieName == null ? DEFAULT_COOKIE : sessionCookieName;
    sessionTimeoutSeconds =
        sessionTimeoutSeconds == null ? MAX_SESSION_SECONDS : sessionTimeoutSeconds;
  }

  public boolean oidc() {
    return "oidc".equals(type);
  }

  /** The ELBv2 action type. */
  public String actionType() {
    return "authenticate-" + type;
  }
}
