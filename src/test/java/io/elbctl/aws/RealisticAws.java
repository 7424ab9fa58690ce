package io.elbctl.aws;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS's timing and consistency in front of moto, which answers every call at once and consistently.
 * Each behaviour is documented AWS behaviour, shortened to {@link Timing}:
 *
 * <ul>
 *   <li>a new load balancer is {@code provisioning} before {@code active} (ELBv2
 *       CreateLoadBalancer: "the load balancer is in the provisioning state");
 *   <li>ACM's DescribeCertificate lacks the DNS validation {@code ResourceRecord} for the first
 *       seconds after RequestCertificate (ACM: "it can take a few seconds for the resource record
 *       to be available");
 *   <li>a resource created moments ago is not found by Describe calls that name it, and EC2 refuses
 *       ingress rules for a group it does not see yet (EC2's eventual consistency:
 *       InvalidGroup.NotFound; ELBv2 LoadBalancerNotFound and TargetGroupNotFound; ACM
 *       ResourceNotFoundException);
 *   <li>a Route 53 change is {@code PENDING} before {@code INSYNC} (ChangeResourceRecordSets and
 *       GetChange);
 *   <li>DeleteSecurityGroup answers DependencyViolation while a deleted load balancer's network
 *       interfaces linger;
 *   <li>DeleteTargetGroup answers ResourceInUse right after the listener or rule that used it went;
 *   <li>ACM leaves a DNS-validated certificate PENDING_VALIDATION for a while after the request
 *       (ACM: validation "can take up to 30 minutes"); off in {@link Timing#SHORT}, as moto's own
 *       validation wait already delays it.
 * </ul>
 *
 * Route 53's refusal of a CREATE of an existing record or a DELETE of a missing one is always on
 * ({@link Route53Rules}). Every behaviour counts how often it answered, so a test can show that it
 * met each one.
 */
final class RealisticAws implements FaultProxy.Behaviour {
  /** How long each behaviour lasts. */
  record Timing(
      Duration provisioning,
      Duration validationRecord,
      Duration visibility,
      Duration dnsPropagation,
      Duration interfacesRelease,
      Duration listenerRelease,
      Duration issuance) {
    /**
     * Seconds, not AWS's minutes, so a test suite can wait them out. A target group stays in use
     * longer than the security group, as destroy deletes it after waiting for the security group.
     */
    static final Timing SHORT =
        new Timing(
            Duration.ofSeconds(3),
            Duration.ofSeconds(2),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(3),
            Duration.ofSeconds(6),
            Duration.ZERO);

    /** Every behaviour off: AWS as moto answers, for the run that follows a timed-out one. */
    static final Timing NONE =
        new Timing(
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO);

    Timing withProvisioning(Duration d) {
      return new Timing(
          d,
          validationRecord,
          visibility,
          dnsPropagation,
          interfacesRelease,
          listenerRelease,
          issuance);
    }

    Timing withDnsPropagation(Duration d) {
      return new Timing(
          provisioning,
          validationRecord,
          visibility,
          d,
          interfacesRelease,
          listenerRelease,
          issuance);
    }

    Timing withInterfacesRelease(Duration d) {
      return new Timing(
          provisioning, validationRecord, visibility, dnsPropagation, d, listenerRelease, issuance);
    }

    Timing withListenerRelease(Duration d) {
      return new Timing(
          provisioning,
          validationRecord,
          visibility,
          dnsPropagation,
          interfacesRelease,
          d,
          issuance);
    }

    Timing withIssuance(Duration d) {
      return new Timing(
          provisioning,
          validationRecord,
          visibility,
          dnsPropagation,
          interfacesRelease,
          listenerRelease,
          d);
    }
  }

  static final String PROVISIONING = "load balancer provisioning";
  static final String NO_RECORD = "certificate without ResourceRecord";
  static final String NOT_FOUND = "new resource not found";
  static final String PENDING = "change PENDING";
  static final String DEPENDENCY = "DependencyViolation";
  static final String IN_USE = "ResourceInUse";
  static final String VALIDATING = "certificate PENDING_VALIDATION";

  private static final Pattern LB_ARN = Pattern.compile("<LoadBalancerArn>([^<]+)</");
  private static final Pattern TG_ARN = Pattern.compile("<TargetGroupArn>([^<]+)</");
  private static final Pattern GROUP_ID = Pattern.compile("<groupId>([^<]+)</");
  private static final Pattern CERT_ARN =
      Pattern.compile("\"CertificateArn\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern CHANGE_ID = Pattern.compile("<Id>(?:/change/)?([^<]+)</Id>");

  private final Timing timing;
  private final Map<String, Long> created = new ConcurrentHashMap<>();
  private final Map<String, Long> changes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> met = new ConcurrentHashMap<>();
  private volatile long loadBalancerDeleted;
  private volatile long listenerDeleted;

  RealisticAws(Timing timing) {
    this.timing = timing;
  }

  /** How often each behaviour answered. */
  Map<String, Integer> met() {
    Map<String, Integer> counts = new java.util.TreeMap<>();
    met.forEach((k, v) -> counts.put(k, v.get()));
    return counts;
  }

  @Override
  public HttpResponse<byte[]> answer(FaultProxy.Request call, FaultProxy.Moto moto)
      throws IOException, InterruptedException {
    String operation = call.operation();
    String notFound = notFound(call);
    if (notFound != null) {
      count(NOT_FOUND);
      return AwsAnswers.error(
          call.service(), 400, notFound, "The resource was not found (it was created just now)");
    }
    if (operation.equals("DeleteSecurityGroup") && young(loadBalancerDeleted, interfaces())) {
      count(DEPENDENCY);
      return AwsAnswers.error(
          "ec2",
          400,
          "DependencyViolation",
          "resource " + param(call, "GroupId") + " has a dependent object");
    }
    if (operation.equals("DeleteTargetGroup") && young(listenerDeleted, timing.listenerRelease())) {
      count(IN_USE);
      return AwsAnswers.error(
          "elasticloadbalancing",
          400,
          "ResourceInUse",
          "Target group '" + param(call, "TargetGroupArn") + "' is currently in use by a listener");
    }
    HttpResponse<byte[]> response = moto.send();
    if (response.statusCode() >= 300) {
      return response;
    }
    String body = AwsAnswers.body(response);
    long now = System.nanoTime();
    switch (operation) {
      case "CreateLoadBalancer" -> remember(LB_ARN, body, now);
      case "CreateTargetGroup" -> remember(TG_ARN, body, now);
      case "CreateSecurityGroup" -> remember(GROUP_ID, body, now);
      case "RequestCertificate" -> remember(CERT_ARN, body, now);
      case "DeleteLoadBalancer" -> loadBalancerDeleted = now;
      case "DeleteListener", "DeleteRule" -> listenerDeleted = now;
      case "DescribeLoadBalancers" -> {
        return AwsAnswers.withBody(response, provisioning(body));
      }
      case "DescribeCertificate" -> {
        return AwsAnswers.withBody(response, withoutRecord(call, body));
      }
      case "ChangeResourceRecordSets" -> {
        Matcher id = CHANGE_ID.matcher(body);
        if (id.find()) {
          changes.put(id.group(1), now);
          count(PENDING);
          return AwsAnswers.withBody(response, pending(body));
        }
      }
      case "GetChange" -> {
        String id = call.path().substring(call.path().lastIndexOf('/') + 1);
        Long submitted = changes.get(id);
        if (submitted != null && young(submitted, timing.dnsPropagation())) {
          count(PENDING);
          return AwsAnswers.withBody(response, pending(body));
        }
      }
      default -> {}
    }
    return response;
  }

  private Duration interfaces() {
    return timing.interfacesRelease();
  }

  /** The NotFound error code for a call that names a resource created moments ago, or null. */
  private String notFound(FaultProxy.Request call) {
    List<String> named = new ArrayList<>();
    String code;
    switch (call.operation()) {
      case "DescribeLoadBalancers" -> {
        named.addAll(params(call, "LoadBalancerArns.member."));
        code = "LoadBalancerNotFound";
      }
      case "DescribeTargetGroups" -> {
        named.addAll(params(call, "TargetGroupArns.member."));
        code = "TargetGroupNotFound";
      }
      case "DescribeSecurityGroups" -> {
        named.addAll(params(call, "GroupId."));
        code = "InvalidGroup.NotFound";
      }
      case "AuthorizeSecurityGroupIngress" -> {
        named.addAll(params(call, "GroupId"));
        code = "InvalidGroup.NotFound";
      }
      case "DescribeCertificate" -> {
        Matcher arn = CERT_ARN.matcher(new String(call.body(), StandardCharsets.UTF_8));
        if (arn.find()) {
          named.add(arn.group(1));
        }
        code = "ResourceNotFoundException";
      }
      default -> {
        return null;
      }
    }
    for (String name : named) {
      Long at = created.get(name);
      if (at != null && young(at, timing.visibility())) {
        return code;
      }
    }
    return null;
  }

  /** Load balancers created less than {@link Timing#provisioning} ago, as provisioning. */
  private String provisioning(String body) {
    List<Integer> replacements = new ArrayList<>();
    Matcher arn = LB_ARN.matcher(body);
    while (arn.find()) {
      Long at = created.get(arn.group(1));
      if (at == null || !young(at, timing.provisioning())) {
        continue;
      }
      int next = body.indexOf("<LoadBalancerArn>", arn.end());
      int code = body.indexOf("<Code>active</Code>", arn.end());
      if (code >= 0 && (next < 0 || code < next)) {
        replacements.add(code);
        count(PROVISIONING);
      }
    }
    StringBuilder out = new StringBuilder(body);
    for (int i = replacements.size() - 1; i >= 0; i--) {
      int at = replacements.get(i);
      out.replace(at, at + "<Code>active</Code>".length(), "<Code>provisioning</Code>");
    }
    return out.toString();
  }

  private String withoutRecord(FaultProxy.Request call, String body) {
    Matcher arn = CERT_ARN.matcher(new String(call.body(), StandardCharsets.UTF_8));
    if (!arn.find()) {
      return body;
    }
    Long at = created.get(arn.group(1));
    if (at != null && young(at, timing.issuance()) && body.contains("\"ISSUED\"")) {
      count(VALIDATING);
      body = body.replace("\"ISSUED\"", "\"PENDING_VALIDATION\"");
    }
    if (at == null || !young(at, timing.validationRecord())) {
      return body;
    }
    try {
      var tree = (com.fasterxml.jackson.databind.node.ObjectNode) ElbctlRun.JSON.readTree(body);
      var options = tree.at("/Certificate/DomainValidationOptions");
      boolean removed = false;
      for (var option : options) {
        removed |=
            ((com.fasterxml.jackson.databind.node.ObjectNode) option).remove("ResourceRecord")
                != null;
      }
      if (removed) {
        count(NO_RECORD);
      }
      return ElbctlRun.JSON.writeValueAsString(tree);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String pending(String body) {
    return body.replace("<Status>INSYNC</Status>", "<Status>PENDING</Status>");
  }

  private void remember(Pattern pattern, String body, long now) {
    Matcher m = pattern.matcher(body);
    if (m.find()) {
      created.put(m.group(1), now);
    }
  }

  private void count(String behaviour) {
    met.computeIfAbsent(behaviour, b -> new AtomicInteger()).incrementAndGet();
  }

  private static boolean young(long at, Duration window) {
    return at != 0 && System.nanoTime() - at < window.toNanos();
  }

  private static String param(FaultProxy.Request call, String name) {
    List<String> values = params(call, name);
    return values.isEmpty() ? "" : values.get(0);
  }

  /** Form parameters named {@code name}, or starting with it when it ends in a dot. */
  private static List<String> params(FaultProxy.Request call, String name) {
    List<String> values = new ArrayList<>();
    String form = new String(call.body(), StandardCharsets.UTF_8);
    if (call.query() != null) {
      form = form + "&" + call.query();
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
      if (name.endsWith(".") ? key.startsWith(name) : key.equals(name)) {
        values.add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
