package io.elbctl.sim;

import io.elbctl.spec.Authenticate;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What an authenticate-oidc or authenticate-cognito action does with a request, as the ALB guide
 * describes it: a request with a session continues to the rule's action; one without is redirected
 * (302) to the IdP's authorization endpoint with the OAuth 2.0 authorization-code parameters,
 * answered 401, or let through, per {@code onUnauthenticatedRequest}. ALB's {@code state} value is
 * opaque and random; the simulator writes {@link #STATE} in its place.
 *
 * @param outcome {@code authenticated}, {@code redirect}, {@code deny} or {@code allow}
 * @param statusCode what the ALB answers itself, or null when the request goes on to the action
 */
public record Authentication(
    String type, String outcome, Integer statusCode, String location, String note) {

  /** Stands in for the opaque state ALB generates per redirect. */
  public static final String STATE = "STATE";

  /** The outcome of {@code auth} for {@code request} (with scheme, host and port filled in). */
  public static Authentication of(Authenticate auth, Request request, boolean authenticated) {
    String type = auth.actionType();
    if (authenticated) {
      return new Authentication(
          type,
          "authenticated",
          null,
          null,
          type
              + ": signed in (session cookie "
              + auth.sessionCookieName()
              + "), so the action runs; the target receives x-amzn-oidc-accesstoken,"
              + " x-amzn-oidc-identity and x-amzn-oidc-data");
    }
    switch (auth.onUnauthenticatedRequest()) {
      case "deny":
        return new Authentication(
            type,
            "deny",
            401,
            null,
            type + ": not signed in and onUnauthenticatedRequest is deny: 401");
      case "allow":
        return new Authentication(
            type,
            "allow",
            null,
            null,
            type
                + ": not signed in and onUnauthenticatedRequest is allow: the action runs without"
                + " user claims");
      default:
        String location = authorizationUrl(auth, request);
        return new Authentication(
            type,
            "redirect",
            302,
            location,
            type + ": not signed in: 302 to the IdP's authorization endpoint");
    }
  }

  /**
   * The authorization endpoint with {@code client_id}, {@code redirect_uri} (the listener's {@code
   * /oauth2/idpresponse}), {@code response_type=code}, {@code scope} and {@code state}.
   */
  static String authorizationUrl(Authenticate auth, Request request) {
    String endpoint;
    String clientId;
    if (auth.oidc()) {
      endpoint = auth.authorizationEndpoint();
      clientId = auth.clientId();
    } else {
      String domain = auth.userPoolDomain();
      if (!domain.contains(".")) {
        String region = auth.userPoolArn().split(":")[3];
        domain = domain + ".auth." + region + ".amazoncognito.com";
      }
      endpoint = "https://" + domain + "/oauth2/authorize";
      clientId = auth.userPoolClientId();
    }
    String host = request.hostName();
    int port = request.port() == null ? 443 : request.port();
    String redirect = "https://" + host + (port == 443 ? "" : ":" + port) + "/oauth2/idpresponse";
    return endpoint
        + (endpoint.contains("?") ? "&" : "?")
        + "response_type=code&client_id="
        + encode(clientId)
        + "&redirect_uri="
        + encode(redirect)
        + "&scope="
        + encode(auth.scope())
        + "&state="
        + STATE;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
