package io.elbctl.aws;

import io.elbctl.plan.Inventory.LoadBalancerState;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RulePriorityPair;

/**
 * Every ELBv2 write on the load balancer, its listeners and rules, and the single-resource reads a
 * step polls after one.
 */
final class ElbWriter {
  private final AwsClients clients;
  private final AwsErrors errors;
  private final SecretReader secrets;

  /** {@code env} looks up the environment variables that hold client secrets. */
  ElbWriter(AwsClients clients, AwsErrors errors, Function<String, String> env) {
    this.clients = clients;
    this.errors = errors;
    this.secrets = new SecretReader(clients, errors, env);
  }

  /** The rule's actions as ELBv2 takes them, its authenticate action (if any) first. */
  private List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Action> actions(
      io.elbctl.spec.Rule rule, Function<String, String> arnOf) {
    return AuthTranslation.withTerminal(
        rule.authenticate(), ElbTranslation.actions(rule.action(), arnOf), secrets::clientSecret);
  }

  String createLoadBalancer(
      io.elbctl.spec.LoadBalancer lb,
      List<String> subnets,
      List<String> securityGroups,
      Map<String, String> tags) {
    return errors.call(
        () ->
            clients
                .elb()
                .createLoadBalancer(
                    r ->
                        r.name(lb.name())
                            .type("application")
                            .scheme(lb.scheme())
                            .ipAddressType(lb.ipAddressType())
                            .subnets(subnets)
                            .securityGroups(securityGroups)
                            .tags(AwsTags.elb(tags)))
                .loadBalancers()
                .get(0)
                .loadBalancerArn());
  }

  LoadBalancerState loadBalancer(String arn) {
    return errors.call(
        () -> {
          var l =
              clients
                  .elb()
                  .describeLoadBalancers(r -> r.loadBalancerArns(arn))
                  .loadBalancers()
                  .get(0);
          return ElbTranslation.loadBalancerState(l, null, Map.of());
        });
  }

  boolean loadBalancerExists(String arn) {
    return errors.call(
        () -> {
          try {
            return !clients
                .elb()
                .describeLoadBalancers(r -> r.loadBalancerArns(arn))
                .loadBalancers()
                .isEmpty();
          } catch (LoadBalancerNotFoundException e) {
            return false;
          }
        });
  }

  /** Sets load balancer attributes, keyed by their AWS names, in one call. */
  void setAttributes(String arn, Map<String, String> attributes) {
    List<LoadBalancerAttribute> list =
        attributes.entrySet().stream()
            .map(e -> LoadBalancerAttribute.builder().key(e.getKey()).value(e.getValue()).build())
            .toList();
    errors.run(
        () ->
            clients
                .elb()
                .modifyLoadBalancerAttributes(r -> r.loadBalancerArn(arn).attributes(list)));
  }

  void setSecurityGroups(String arn, List<String> securityGroups) {
    errors.run(
        () ->
            clients
                .elb()
                .setSecurityGroups(r -> r.loadBalancerArn(arn).securityGroups(securityGroups)));
  }

  void deleteLoadBalancer(String arn) {
    errors.run(() -> clients.elb().deleteLoadBalancer(r -> r.loadBalancerArn(arn)));
  }

  String createListener(
      String lbArn,
      io.elbctl.spec.Listener listener,
      String certificateArn,
      Function<String, String> arnOf,
      Map<String, String> tags) {
    ModifyListenerRequest l = listener(listener, certificateArn, arnOf);
    return errors.call(
        () ->
            clients
                .elb()
                .createListener(
                    r ->
                        r.loadBalancerArn(lbArn)
                            .port(l.port())
                            .protocol(l.protocolAsString())
                            .defaultActions(l.defaultActions())
                            .sslPolicy(l.sslPolicy())
                            .certificates(l.certificates())
                            .tags(AwsTags.elb(tags)))
                .listeners()
                .get(0)
                .listenerArn());
  }

  void modifyListener(
      String arn,
      io.elbctl.spec.Listener listener,
      String certificateArn,
      Function<String, String> arnOf) {
    ModifyListenerRequest request =
        listener(listener, certificateArn, arnOf).toBuilder().listenerArn(arn).build();
    errors.run(() -> clients.elb().modifyListener(request));
  }

  /**
   * The listener's settings in the shape both CreateListener and ModifyListener take; only HTTPS
   * sends a policy and a certificate.
   */
  private static ModifyListenerRequest listener(
      io.elbctl.spec.Listener listener, String certificateArn, Function<String, String> arnOf) {
    ModifyListenerRequest.Builder request =
        ModifyListenerRequest.builder()
            .port(listener.port())
            .protocol(listener.protocol())
            .defaultActions(ElbTranslation.actions(listener.defaultAction(), arnOf));
    if (listener.https()) {
      request
          .sslPolicy(listener.sslPolicy())
          .certificates(Certificate.builder().certificateArn(certificateArn).build());
    }
    return request.build();
  }

  /** The SNI certificates of a listener, without its default one. */
  List<String> extraCertificates(String listenerArn) {
    return errors.call(
        () ->
            clients
                .elb()
                .describeListenerCertificatesPaginator(r -> r.listenerArn(listenerArn))
                .certificates()
                .stream()
                .filter(c -> !Boolean.TRUE.equals(c.isDefault()))
                .map(Certificate::certificateArn)
                .distinct()
                .toList());
  }

  /** Adds SNI certificates, one per call as the ELBv2 API takes them. */
  void addListenerCertificates(String listenerArn, List<String> arns) {
    for (String arn : arns) {
      errors.run(
          () ->
              clients
                  .elb()
                  .addListenerCertificates(
                      r ->
                          r.listenerArn(listenerArn)
                              .certificates(Certificate.builder().certificateArn(arn).build())));
    }
  }

  void removeListenerCertificates(String listenerArn, List<String> arns) {
    for (String arn : arns) {
      errors.run(
          () ->
              clients
                  .elb()
                  .removeListenerCertificates(
                      r ->
                          r.listenerArn(listenerArn)
                              .certificates(Certificate.builder().certificateArn(arn).build())));
    }
  }

  void deleteListener(String arn) {
    errors.run(() -> clients.elb().deleteListener(r -> r.listenerArn(arn)));
  }

  String createRule(
      String listenerArn,
      io.elbctl.spec.Rule rule,
      Function<String, String> arnOf,
      Map<String, String> tags) {
    CreateRuleRequest.Builder request =
        CreateRuleRequest.builder()
            .listenerArn(listenerArn)
            .priority(rule.priority())
            .conditions(ElbTranslation.conditions(rule.conditions()))
            .actions(actions(rule, arnOf))
            .tags(AwsTags.elb(tags));
    if (!rule.transforms().isEmpty()) {
      request.transforms(RuleTransformTranslation.transforms(rule.transforms()));
    }
    return errors.call(() -> clients.elb().createRule(request.build()).rules().get(0).ruleArn());
  }

  /**
   * Replaces a rule's conditions, transforms and actions; a rule without transforms resets them, as
   * ModifyRule keeps the old ones when none are sent.
   */
  void modifyRule(String arn, io.elbctl.spec.Rule rule, Function<String, String> arnOf) {
    ModifyRuleRequest.Builder request =
        ModifyRuleRequest.builder()
            .ruleArn(arn)
            .conditions(ElbTranslation.conditions(rule.conditions()))
            .actions(actions(rule, arnOf));
    if (rule.transforms().isEmpty()) {
      request.resetTransforms(true);
    } else {
      request.transforms(RuleTransformTranslation.transforms(rule.transforms()));
    }
    errors.run(() -> clients.elb().modifyRule(request.build()));
  }

  void setRulePriority(String arn, int priority) {
    errors.run(
        () ->
            clients
                .elb()
                .setRulePriorities(
                    r ->
                        r.rulePriorities(
                            RulePriorityPair.builder().ruleArn(arn).priority(priority).build())));
  }

  void deleteRule(String arn) {
    errors.run(() -> clients.elb().deleteRule(r -> r.ruleArn(arn)));
  }

  void addTags(String arn, Map<String, String> tags) {
    errors.run(() -> clients.elb().addTags(r -> r.resourceArns(arn).tags(AwsTags.elb(tags))));
  }
}
