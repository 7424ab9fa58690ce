package io.elbctl.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.elbctl.spec.Listener;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags of {@code elbctl init} and the starter spec they make: HTTPS on 443 for one domain, the
 * backend paths to the backend port, the rest to the frontend port, HTTP redirected to HTTPS.
 */
public final class StarterOptions {
  @Option(
      names = "--domain",
      required = true,
      paramLabel = "DOMAIN",
      description = "Domain, e.g. example.com; the hosted zone unless --hosted-zone.")
  String domain;

  @Option(
      names = "--hosted-zone",
      paramLabel = "ZONE",
      description = "Route 53 hosted zone (default: the domain).")
  String hostedZone;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Name of the setup (default: from the domain).")
  String name;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      defaultValue = "us-east-1",
      description = "AWS region (default: ${DEFAULT-VALUE}).")
  String region;

  @Option(
      names = "--frontend-port",
      paramLabel = "PORT",
      defaultValue = "3000",
      description = "Frontend port (default: ${DEFAULT-VALUE}).")
  int frontendPort;

  @Option(
      names = "--backend-port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "Backend port (default: ${DEFAULT-VALUE}).")
  int backendPort;

  @Option(
      names = "--backend-path",
      paramLabel = "PATTERN",
      split = ",",
      description =
          "Path patterns for the backend (default: /oauth2/authorization/*,/login/oauth2/code/*).")
  List<String> backendPaths = List.of("/oauth2/authorization/*", "/login/oauth2/code/*");

  @Option(
      names = "--target",
      paramLabel = "ID",
      description = "Instance id or IP address serving both ports (repeatable).")
  List<String> targets = List.of();

  @Option(
      names = "--www",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Also alias www.DOMAIN (default: on).")
  boolean www;

  /** The starter spec these flags describe, as JSON. */
  ObjectNode spec() {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    String zone = hostedZone != null ? hostedZone : domain;
    String setup = name != null ? name : domain.split("\\.")[0];
    ObjectNode spec = nodes.objectNode();
    spec.put("apiVersion", io.elbctl.spec.Spec.API_VERSION);
    spec.put("name", setup);
    spec.put("region", region);
    ObjectNode domainNode = spec.putObject("domain");
    domainNode.put("hostedZone", zone);
    ArrayNode records = domainNode.putArray("records").add(domain);
    ObjectNode certificate = spec.putObject("certificate");
    certificate.put("domainName", domain);
    if (www) {
      records.add("www." + domain);
      certificate.putArray("subjectAlternativeNames").add("www." + domain);
    }
    spec.putObject("network").put("vpcId", "default");
    ArrayNode groups = spec.putArray("targetGroups");
    // A dedicated health path that answers 200: "/" of a frontend often redirects, and Spring's
    // /actuator/health is behind authentication unless permitted.
    groups.add(group(nodes, "client", frontendPort, "/healthz"));
    groups.add(group(nodes, "backend", backendPort, "/healthz"));
    ObjectNode loadBalancer = spec.putObject("loadBalancer");
    loadBalancer.put("name", setup + "-alb");
    loadBalancer.put("scheme", "internet-facing");
    ArrayNode listeners = loadBalancer.putArray("listeners");
    ObjectNode http = listeners.addObject().put("port", 80).put("protocol", "HTTP");
    http.putObject("defaultAction")
        .put("type", "redirect")
        .put("protocol", "HTTPS")
        .put("port", "443")
        .put("statusCode", "HTTP_301");
    ObjectNode https = listeners.addObject().put("port", 443).put("protocol", "HTTPS");
    https.put("sslPolicy", Listener.DEFAULT_SSL_POLICY);
    https.putObject("defaultAction").put("type", "forward").put("targetGroup", "client");
    ArrayNode rules = https.putArray("rules");
    int priority = 10;
    for (String path : backendPaths) {
      ObjectNode rule = rules.addObject().put("priority", priority);
      ArrayNode patterns = rule.putObject("conditions").putArray("pathPatterns").add(path);
      if (path.endsWith("/*")) {
        // "/api/*" does not match "/api" itself.
        patterns.add(path.substring(0, path.length() - 2));
      }
      rule.putObject("action").put("type", "forward").put("targetGroup", "backend");
      priority += 10;
    }
    return spec;
  }

  private ObjectNode group(JsonNodeFactory nodes, String groupName, int port, String healthPath) {
    ObjectNode group = nodes.objectNode();
    group.put("name", groupName).put("protocol", "HTTP").put("port", port);
    group.put("targetType", "instance");
    group.putObject("healthCheck").put("path", healthPath).put("matcher", "200");
    ArrayNode targetList = group.putArray("targets");
    for (String id : targets) {
      targetList.addObject().put("id", id).put("port", port);
    }
    return group;
  }
}
