package io.elbctl.aws;

import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.spec.Conditions;
import io.elbctl.spec.FixedResponseAction;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.HttpHeaderCondition;
import io.elbctl.spec.QueryStringCondition;
import io.elbctl.spec.RedirectAction;
import io.elbctl.spec.WeightedTargetGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.FixedResponseActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ForwardActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HostHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpHeaderConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HttpRequestMethodConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.PathPatternConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.QueryStringKeyValuePair;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RedirectActionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleCondition;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SourceIpConditionConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupStickinessConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupTuple;

/**
 * Translates spec conditions and actions to ELBv2 shapes and back, and described load balancers.
 */
final class ElbTranslation {
  private ElbTranslation() {}

  /** The ELBv2 conditions for a spec rule; only non-empty value lists are sent. */
  static List<RuleCondition> conditions(Conditions c) {
    List<RuleCondition> out = new ArrayList<>();
    if (!c.pathPatterns().isEmpty() || !c.pathRegexes().isEmpty()) {
      var config = PathPatternConditionConfig.builder();
      if (!c.pathPatterns().isEmpty()) {
        config.values(c.pathPatterns());
      }
      if (!c.pathRegexes().isEmpty()) {
        config.regexValues(c.pathRegexes());
      }
      out.add(
          RuleCondition.builder().field("path-pattern").pathPatternConfig(config.build()).build());
    }
    if (!c.hostHeaders().isEmpty() || !c.hostRegexes().isEmpty()) {
      var config = HostHeaderConditionConfig.builder();
      if (!c.hostHeaders().isEmpty()) {
        config.values(c.hostHeaders());
      }
      if (!c.hostRegexes().isEmpty()) {
        config.regexValues(c.hostRegexes());
      }
      out.add(
          RuleCondition.builder().field("host-header").hostHeaderConfig(config.build()).build());
    }
    for (HttpHeaderCondition header : c.httpHeaders()) {
      var config = HttpHeaderConditionConfig.builder().httpHeaderName(header.name());
      if (!header.values().isEmpty()) {
        config.values(header.values());
      }
      if (!header.regexValues().isEmpty()) {
        config.regexValues(header.regexValues());
      }
      out.add(
          RuleCondition.builder().field("http-header").httpHeaderConfig(config.build()).build());
    }
    if (!c.queryStrings().isEmpty()) {
      List<QueryStringKeyValuePair> pairs = new ArrayList<>();
      for (QueryStringCondition q : c.queryStrings()) {
        pairs.add(QueryStringKeyValuePair.builder().key(q.key()).value(q.value()).build());
      }
      out.add(
          RuleCondition.builder()
              .field("query-string")
              .queryStringConfig(QueryStringConditionConfig.builder().values(pairs).build())
              .build());
    }
    if (!c.methods().isEmpty()) {
      out.add(
          RuleCondition.builder()
              .field("http-request-method")
              .httpRequestMethodConfig(
                  HttpRequestMethodConditionConfig.builder().values(c.methods()).build())
              .build());
    }
    if (!c.sourceIps().isEmpty()) {
      out.add(
          RuleCondition.builder()
              .field("source-ip")
              .sourceIpConfig(SourceIpConditionConfig.builder().values(c.sourceIps()).build())
              .build());
    }
    return out;
  }

  /** Live conditions as a spec record; both the *Config and the legacy Values forms are read. */
  static Conditions conditions(List<RuleCondition> live) {
    List<String> paths = new ArrayList<>();
    List<String> pathRegexes = new ArrayList<>();
    List<String> hosts = new ArrayList<>();
    List<String> hostRegexes = new ArrayList<>();
    List<HttpHeaderCondition> headers = new ArrayList<>();
    List<QueryStringCondition> queries = new ArrayList<>();
    List<String> methods = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (RuleCondition c : live) {
      switch (c.field()) {
        case "path-pattern" -> {
          if (c.pathPatternConfig() != null) {
            paths.addAll(c.pathPatternConfig().values());
            pathRegexes.addAll(c.pathPatternConfig().regexValues());
          } else {
            paths.addAll(c.values());
          }
        }
        case "host-header" -> {
          if (c.hostHeaderConfig() != null) {
            hosts.addAll(c.hostHeaderConfig().values());
            hostRegexes.addAll(c.hostHeaderConfig().regexValues());
          } else {
            hosts.addAll(c.values());
          }
        }
        case "http-header" -> {
          HttpHeaderConditionConfig config = c.httpHeaderConfig();
          headers.add(
              new HttpHeaderCondition(
                  config.httpHeaderName(), config.values(), config.regexValues()));
        }
        case "query-string" -> {
          for (QueryStringKeyValuePair pair : c.queryStringConfig().values()) {
            queries.add(new QueryStringCondition(pair.key(), pair.value()));
          }
        }
        case "http-request-method" -> methods.addAll(c.httpRequestMethodConfig().values());
        case "source-ip" -> sources.addAll(c.sourceIpConfig().values());
        default -> {
          // A condition type the spec cannot express; leaving it out makes the rule differ.
        }
      }
    }
    return new Conditions(
        paths, pathRegexes, hosts, hostRegexes, headers, queries, methods, sources);
  }

  /** The ELBv2 action list for a spec action; target group names are resolved by {@code arn}. */
  static List<Action> actions(io.elbctl.spec.Action action, Function<String, String> arn) {
    if (action instanceof ForwardAction forward) {
      List<WeightedTargetGroup> groups = forward.groups();
      if (groups.size() == 1 && !forward.weighted() && forward.stickinessSeconds() == null) {
        return List.of(
            Action.builder()
                .type("forward")
                .targetGroupArn(arn.apply(groups.get(0).name()))
                .build());
      }
      List<TargetGroupTuple> tuples = new ArrayList<>();
      for (WeightedTargetGroup group : groups) {
        tuples.add(
            TargetGroupTuple.builder()
                .targetGroupArn(arn.apply(group.name()))
                .weight(group.weight())
                .build());
      }
      var config = ForwardActionConfig.builder().targetGroups(tuples);
      if (forward.stickinessSeconds() != null) {
        config.targetGroupStickinessConfig(
            TargetGroupStickinessConfig.builder()
                .enabled(true)
                .durationSeconds(forward.stickinessSeconds())
                .build());
      }
      return List.of(Action.builder().type("forward").forwardConfig(config.build()).build());
    }
    if (action instanceof RedirectAction redirect) {
      return List.of(
          Action.builder()
              .type("redirect")
              .redirectConfig(
                  RedirectActionConfig.builder()
                      .protocol(redirect.protocol())
                      .port(redirect.port())
                      .host(redirect.host())
                      .path(redirect.path())
                      .query(redirect.query())
                      .statusCode(redirect.statusCode())
                      .build())
              .build());
    }
    if (action instanceof FixedResponseAction fixed) {
      var config =
          FixedResponseActionConfig.builder()
              .statusCode(fixed.statusCode())
              .contentType(fixed.contentType());
      if (!fixed.messageBody().isEmpty()) {
        config.messageBody(fixed.messageBody());
      }
      return List.of(
          Action.builder().type("fixed-response").fixedResponseConfig(config.build()).build());
    }
    throw new AssertionError(action);
  }

  /**
   * The terminal live action as a spec action, target group ARNs turned into names by {@code name};
   * null when there is none the spec can express.
   */
  static io.elbctl.spec.Action action(List<Action> live, Function<String, String> name) {
    Action last =
        live.stream()
            .filter(
                a -> List.of("forward", "redirect", "fixed-response").contains(a.typeAsString()))
            .max(Comparator.comparing(a -> a.order() == null ? 0 : a.order()))
            .orElse(null);
    if (last == null) {
      return null;
    }
    switch (last.typeAsString()) {
      case "forward" -> {
        ForwardActionConfig config = last.forwardConfig();
        Integer stickiness = null;
        List<WeightedTargetGroup> groups = new ArrayList<>();
        if (config != null && !config.targetGroups().isEmpty()) {
          for (TargetGroupTuple tuple : config.targetGroups()) {
            groups.add(
                new WeightedTargetGroup(
                    name.apply(tuple.targetGroupArn()),
                    tuple.weight() == null ? 1 : tuple.weight()));
          }
          TargetGroupStickinessConfig sticky = config.targetGroupStickinessConfig();
          if (sticky != null && Boolean.TRUE.equals(sticky.enabled())) {
            stickiness = sticky.durationSeconds();
          }
        } else {
          groups.add(new WeightedTargetGroup(name.apply(last.targetGroupArn()), 1));
        }
        if (groups.size() == 1 && groups.get(0).weight() == 1) {
          return new ForwardAction("forward", groups.get(0).name(), null, stickiness);
        }
        return new ForwardAction("forward", null, groups, stickiness);
      }
      case "redirect" -> {
        RedirectActionConfig r = last.redirectConfig();
        return new RedirectAction(
            "redirect",
            r.protocol(),
            r.port(),
            r.host(),
            r.path(),
            r.query(),
            r.statusCodeAsString());
      }
      case "fixed-response" -> {
        FixedResponseActionConfig f = last.fixedResponseConfig();
        return new FixedResponseAction(
            "fixed-response", f.statusCode(), f.contentType(), f.messageBody());
      }
      default -> throw new AssertionError(last);
    }
  }

  /** The SDK-free view of a described load balancer; null attributes when they were not read. */
  static LoadBalancerState loadBalancerState(
      software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer l,
      LoadBalancerAttributes attributes,
      Map<String, String> tags) {
    return new LoadBalancerState(
        l.loadBalancerArn(),
        l.loadBalancerName(),
        l.dnsName(),
        l.canonicalHostedZoneId(),
        l.state() == null ? null : l.state().codeAsString(),
        l.schemeAsString(),
        l.ipAddressTypeAsString(),
        l.availabilityZones().stream().map(z -> z.subnetId()).toList(),
        l.securityGroups(),
        attributes == null ? null : attributes.idleTimeoutSeconds(),
        attributes == null ? null : attributes.desyncMitigationMode(),
        attributes == null ? null : attributes.dropInvalidHeaderFields(),
        tags);
  }
}
