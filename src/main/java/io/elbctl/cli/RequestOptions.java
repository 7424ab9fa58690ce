package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.Cidr;
import io.elbctl.sim.Decision;
import io.elbctl.sim.HealthModel;
import io.elbctl.sim.Request;
import io.elbctl.sim.Router;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The flags of {@code simulate} that describe the request beyond its path or URL. */
public final class RequestOptions {
  @Option(
      names = {"-X", "--method"},
      paramLabel = "METHOD",
      description = "HTTP method (default: GET).")
  String method = "GET";

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Host header (default: the URL's host, else the spec's first record).")
  String host;

  @Option(
      names = {"-H", "--header"},
      paramLabel = "'NAME: VALUE'",
      description = "A request header (repeatable).")
  List<String> headers = new ArrayList<>();

  @Option(
      names = "--cookie",
      paramLabel = "'NAME=VALUE'",
      description =
          "A cookie the request carries (repeatable), e.g. the AWSALB, AWSALBAPP or AWSALBTG"
              + " value an earlier answer set, to see the target stickiness keeps.")
  List<String> cookies = new ArrayList<>();

  @Option(
      names = "--source-ip",
      paramLabel = "IP",
      description =
          "Address of the client connection (source-ip conditions never read X-Forwarded-For).")
  String sourceIp;

  @Option(
      names = "--listener",
      paramLabel = "PORT",
      description =
          "Listener port (default: the URL's port, else the HTTPS listener, else the lowest).")
  Integer listenerPort;

  @Option(
      names = "--follow",
      description = "Follow a redirect into the listener its Location names, as a browser would.")
  boolean follow;

  @Option(
      names = "--authenticated",
      description =
          "The client holds a valid session for the rule's authenticate action, so the action"
              + " after it runs (default: not signed in).")
  boolean authenticated;

  /** Routes the request to {@code target}, following redirects with --follow. */
  List<Decision> route(Router router, String target, HealthModel health) {
    Request request = request(target);
    try {
      return follow
          ? router.follow(request, health, authenticated)
          : List.of(router.decide(request, health, authenticated));
    } catch (IllegalArgumentException e) {
      throw new ElbctlException(ExitCode.USAGE, e.getMessage());
    }
  }

  /** The request to {@code target} (a path or URL) with these flags; a usage error when bad. */
  private Request request(String target) {
    try {
      Request request = Request.parse(target, method);
      if (host != null) {
        request = request.withHost(host);
      }
      List<Request.Header> parsed = new ArrayList<>();
      for (String header : headers) {
        parsed.add(Request.Header.parse(header));
      }
      for (String cookie : cookies) {
        if (cookie.indexOf('=') <= 0) {
          throw new IllegalArgumentException(
              "--cookie '" + cookie + "' must be NAME=VALUE, e.g. AWSALB=...");
        }
        parsed.add(new Request.Header("Cookie", cookie));
      }
      request = request.withHeaders(parsed);
      if (sourceIp != null) {
        if (Cidr.address(sourceIp) == null) {
          throw new IllegalArgumentException("--source-ip '" + sourceIp + "' is not an IP address");
        }
        request = request.withSourceIp(sourceIp);
      }
      return listenerPort == null ? request : request.withPort(listenerPort);
    } catch (IllegalArgumentException e) {
      throw new ElbctlException(ExitCode.USAGE, e.getMessage());
    }
  }
}
