package io.elbctl.aws;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.acm.model.DeleteCertificateRequest;
import software.amazon.awssdk.services.acm.model.DescribeCertificateRequest;
import software.amazon.awssdk.services.acm.model.ListTagsForCertificateRequest;
import software.amazon.awssdk.services.acm.model.RequestCertificateRequest;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AddTagsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateRuleResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyRuleRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetRulePrioritiesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.SetSecurityGroupsRequest;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.GetChangeRequest;
import software.amazon.awssdk.services.route53.model.GetHostedZoneRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;

/**
 * The authorisation requests AWS evaluates for one SDK call, per the Service Authorization
 * Reference: the action, the resource ARN and the request context (request tags, the resource's
 * tags at call time, and the service keys elbctl's policy can condition on). A create call with
 * tags is also a tagging request ({@code elasticloadbalancing:CreateAction}, {@code
 * ec2:CreateAction}), and the account's first load balancer is also {@code
 * iam:CreateServiceLinkedRole}. An operation this table does not know fails the recording.
 */
final class IamRequests {
  static final String ROLE_ARN_PATH = "role/" + ServiceLinkedRoles.PATH + ServiceLinkedRoles.ROLE;

  private IamRequests() {}

  /** One request AWS authorises: {@code context} values are strings or lists of strings. */
  record Authorization(
      String command,
      String operation,
      String action,
      String resource,
      Map<String, Object> context) {
    Authorization labelled(String label) {
      return new Authorization(label, operation, action, resource, context);
    }

    boolean mutating() {
      String name = action.substring(action.indexOf(':') + 1);
      return !(name.startsWith("Describe") || name.startsWith("List") || name.startsWith("Get"));
    }

    @Override
    public String toString() {
      return command + ": " + action + " on " + resource + " " + context;
    }
  }

  /** Clients that read the emulator's state just before a call. */
  record Lookup(ElasticLoadBalancingV2Client elb, Ec2Client ec2, AcmClient acm, IamClient iam) {
    Map<String, String> elbTags(String arn) {
      Map<String, String> tags = new TreeMap<>();
      try {
        elb.describeTags(r -> r.resourceArns(arn))
            .tagDescriptions()
            .forEach(d -> d.tags().forEach(t -> tags.put(t.key(), t.value())));
      } catch (RuntimeException gone) {
        // A resource that no longer exists carries no tags.
      }
      return tags;
    }

    Map<String, String> securityGroupTags(String id) {
      Map<String, String> tags = new TreeMap<>();
      try {
        ec2.describeSecurityGroups(r -> r.groupIds(id))
            .securityGroups()
            .forEach(g -> g.tags().forEach(t -> tags.put(t.key(), t.value())));
      } catch (RuntimeException gone) {
        // A resource that no longer exists carries no tags.
      }
      return tags;
    }

    Map<String, String> certificateTags(String arn) {
      Map<String, String> tags = new TreeMap<>();
      try {
        acm.listTagsForCertificate(r -> r.certificateArn(arn))
            .tags()
            .forEach(t -> tags.put(t.key(), t.value()));
      } catch (RuntimeException gone) {
        // A resource that no longer exists carries no tags.
      }
      return tags;
    }

    boolean serviceLinkedRoleExists() {
      try {
        iam.getRole(r -> r.roleName(ServiceLinkedRoles.ROLE));
        return true;
      } catch (NoSuchEntityException e) {
        return false;
      }
    }
  }

  /** What was true just before the call: the tags of each resource it names, and the role. */
  record Before(String operation, Map<String, Map<String, String>> tags, boolean roleExists) {}

  static Before before(String operation, SdkRequest request, Lookup lookup) {
    Map<String, Map<String, String>> tags = new LinkedHashMap<>();
    boolean role = true;
    if (request instanceof CreateLoadBalancerRequest) {
      role = lookup.serviceLinkedRoleExists();
    }
    for (String arn : elbArns(request)) {
      tags.put(arn, lookup.elbTags(arn));
    }
    for (String id : securityGroupIds(request)) {
      tags.put(id, lookup.securityGroupTags(id));
    }
    if (request instanceof DeleteCertificateRequest r) {
      tags.put(r.certificateArn(), lookup.certificateTags(r.certificateArn()));
    }
    return new Before(operation, tags, role);
  }

  private static List<String> elbArns(SdkRequest request) {
    if (request instanceof CreateListenerRequest r) {
      return List.of(r.loadBalancerArn());
    } else if (request instanceof CreateRuleRequest r) {
      return List.of(r.listenerArn());
    } else if (request instanceof AddTagsRequest r) {
      return r.resourceArns();
    } else if (request instanceof SetRulePrioritiesRequest r) {
      return r.rulePriorities().stream().map(p -> p.ruleArn()).toList();
    }
    String arn = ownedElbArn(request);
    return arn == null ? List.of() : List.of(arn);
  }

  /** The one existing ELB resource a change or delete call acts on, or null. */
  private static String ownedElbArn(SdkRequest request) {
    if (request instanceof ModifyLoadBalancerAttributesRequest r) {
      return r.loadBalancerArn();
    } else if (request instanceof SetSecurityGroupsRequest r) {
      return r.loadBalancerArn();
    } else if (request instanceof DeleteLoadBalancerRequest r) {
      return r.loadBalancerArn();
    } else if (request instanceof ModifyListenerRequest r) {
      return r.listenerArn();
    } else if (request instanceof DeleteListenerRequest r) {
      return r.listenerArn();
    } else if (request
        instanceof
        software.amazon.awssdk.services.elasticloadbalancingv2.model.AddListenerCertificatesRequest
            r) {
      return r.listenerArn();
    } else if (request
        instanceof
        software.amazon.awssdk.services.elasticloadbalancingv2.model
                .RemoveListenerCertificatesRequest
            r) {
      return r.listenerArn();
    } else if (request instanceof ModifyRuleRequest r) {
      return r.ruleArn();
    } else if (request instanceof DeleteRuleRequest r) {
      return r.ruleArn();
    } else if (request instanceof ModifyTargetGroupRequest r) {
      return r.targetGroupArn();
    } else if (request instanceof ModifyTargetGroupAttributesRequest r) {
      return r.targetGroupArn();
    } else if (request instanceof RegisterTargetsRequest r) {
      return r.targetGroupArn();
    } else if (request instanceof DeregisterTargetsRequest r) {
      return r.targetGroupArn();
    } else if (request instanceof DeleteTargetGroupRequest r) {
      return r.targetGroupArn();
    }
    return null;
  }

  private static List<String> securityGroupIds(SdkRequest request) {
    if (request instanceof AuthorizeSecurityGroupIngressRequest r) {
      return List.of(r.groupId());
    } else if (request instanceof DeleteSecurityGroupRequest r) {
      return List.of(r.groupId());
    } else if (request instanceof CreateTagsRequest r) {
      return r.resources();
    }
    return List.of();
  }

  /** The authorisation requests of one call; {@code response} is null when the call failed. */
  static List<Authorization> of(
      String account, String region, Before before, SdkRequest request, SdkResponse response) {
    String op = before.operation();
    List<Authorization> out = new ArrayList<>();
    String elb = "arn:aws:elasticloadbalancing:" + region + ":" + account + ":";
    String ec2 = "arn:aws:ec2:" + region + ":" + account + ":";
    String role = "arn:aws:iam::" + account + ":" + ROLE_ARN_PATH;
    if (request.getClass().getPackageName().endsWith("elasticloadbalancingv2.model")) {
      String action = "elasticloadbalancing:" + op;
      if (op.startsWith("Describe")) {
        out.add(new Authorization("", op, action, "*", Map.of()));
      } else if (request instanceof CreateLoadBalancerRequest r) {
        String arn =
            response == null
                ? elb + "loadbalancer/app/" + r.name() + "/0"
                : ((CreateLoadBalancerResponse) response).loadBalancers().get(0).loadBalancerArn();
        Map<String, Object> context = elbRequestTags(r.tags());
        context.put("elasticloadbalancing:Scheme", r.schemeAsString());
        context.put("elasticloadbalancing:Subnet", r.subnets());
        context.put("elasticloadbalancing:SecurityGroup", r.securityGroups());
        out.add(new Authorization("", op, action, arn, context));
        out.add(tagOnCreate(op, arn, r.tags()));
        if (!before.roleExists()) {
          out.add(
              new Authorization(
                  "",
                  op,
                  "iam:CreateServiceLinkedRole",
                  role,
                  Map.of("iam:AWSServiceName", ServiceLinkedRoles.SERVICE)));
        }
      } else if (request instanceof CreateTargetGroupRequest r) {
        String arn =
            response == null
                ? elb + "targetgroup/" + r.name() + "/0"
                : ((CreateTargetGroupResponse) response).targetGroups().get(0).targetGroupArn();
        out.add(new Authorization("", op, action, arn, elbRequestTags(r.tags())));
        out.add(tagOnCreate(op, arn, r.tags()));
      } else if (request instanceof CreateListenerRequest r) {
        Map<String, Object> context = elbRequestTags(r.tags());
        context.putAll(resourceTags(before.tags().get(r.loadBalancerArn())));
        context.put("elasticloadbalancing:ListenerProtocol", r.protocolAsString());
        if (r.sslPolicy() != null) {
          context.put("elasticloadbalancing:SecurityPolicy", r.sslPolicy());
        }
        out.add(new Authorization("", op, action, r.loadBalancerArn(), context));
        if (response != null) {
          String arn = ((CreateListenerResponse) response).listeners().get(0).listenerArn();
          out.add(tagOnCreate(op, arn, r.tags()));
        }
      } else if (request instanceof CreateRuleRequest r) {
        Map<String, Object> context = elbRequestTags(r.tags());
        context.putAll(resourceTags(before.tags().get(r.listenerArn())));
        out.add(new Authorization("", op, action, r.listenerArn(), context));
        if (response != null) {
          String arn = ((CreateRuleResponse) response).rules().get(0).ruleArn();
          out.add(tagOnCreate(op, arn, r.tags()));
        }
      } else if (request instanceof AddTagsRequest r) {
        for (String arn : r.resourceArns()) {
          Map<String, Object> context = elbRequestTags(r.tags());
          context.putAll(resourceTags(before.tags().get(arn)));
          out.add(new Authorization("", op, action, arn, context));
        }
      } else if (request instanceof SetRulePrioritiesRequest r) {
        for (var priority : r.rulePriorities()) {
          out.add(
              new Authorization(
                  "",
                  op,
                  action,
                  priority.ruleArn(),
                  resourceTags(before.tags().get(priority.ruleArn()))));
        }
      } else if (ownedElbArn(request) != null) {
        String arn = ownedElbArn(request);
        Map<String, Object> context = resourceTags(before.tags().get(arn));
        if (request instanceof SetSecurityGroupsRequest r) {
          context.put("elasticloadbalancing:SecurityGroup", r.securityGroups());
        }
        if (request instanceof ModifyListenerRequest r && r.protocol() != null) {
          context.put("elasticloadbalancing:ListenerProtocol", r.protocolAsString());
        }
        if (request instanceof ModifyListenerRequest r && r.sslPolicy() != null) {
          context.put("elasticloadbalancing:SecurityPolicy", r.sslPolicy());
        }
        out.add(new Authorization("", op, action, arn, context));
      } else {
        throw new AssertionError("no authorisation model for ELB " + op);
      }
    } else if (request.getClass().getPackageName().endsWith("ec2.model")) {
      String action = "ec2:" + op;
      if (op.startsWith("Describe")) {
        out.add(new Authorization("", op, action, "*", Map.of()));
      } else if (request instanceof CreateSecurityGroupRequest r) {
        String id = response == null ? "sg-0" : ((CreateSecurityGroupResponse) response).groupId();
        Map<String, Object> tags = ec2RequestTags(r.tagSpecifications());
        out.add(new Authorization("", op, action, ec2 + "security-group/" + id, tags));
        out.add(new Authorization("", op, action, ec2 + "vpc/" + r.vpcId(), Map.of()));
        if (!tags.isEmpty()) {
          Map<String, Object> context = new TreeMap<>(tags);
          context.put("ec2:CreateAction", op);
          out.add(
              new Authorization("", op, "ec2:CreateTags", ec2 + "security-group/" + id, context));
        }
      } else if (request instanceof CreateTagsRequest r) {
        Map<String, Object> tags = new TreeMap<>();
        r.tags().forEach(t -> tags.put("aws:RequestTag/" + t.key(), t.value()));
        tags.put("aws:TagKeys", r.tags().stream().map(t -> t.key()).toList());
        for (String id : r.resources()) {
          Map<String, Object> context = new TreeMap<>(tags);
          context.putAll(resourceTags(before.tags().get(id)));
          out.add(new Authorization("", op, action, ec2 + "security-group/" + id, context));
        }
      } else if (!securityGroupIds(request).isEmpty()) {
        String id = securityGroupIds(request).get(0);
        out.add(
            new Authorization(
                "", op, action, ec2 + "security-group/" + id, resourceTags(before.tags().get(id))));
      } else {
        throw new AssertionError("no authorisation model for EC2 " + op);
      }
    } else if (request.getClass().getPackageName().endsWith("acm.model")) {
      String action = "acm:" + op;
      if (request instanceof RequestCertificateRequest r) {
        Map<String, Object> context = new TreeMap<>();
        r.tags().forEach(t -> context.put("aws:RequestTag/" + t.key(), t.value()));
        context.put("aws:TagKeys", r.tags().stream().map(t -> t.key()).toList());
        Set<String> names = new LinkedHashSet<>();
        names.add(r.domainName());
        names.addAll(r.subjectAlternativeNames());
        context.put("acm:DomainNames", List.copyOf(names));
        context.put("acm:ValidationMethod", r.validationMethodAsString());
        out.add(new Authorization("", op, action, "*", context));
      } else if (request instanceof DescribeCertificateRequest r) {
        out.add(new Authorization("", op, action, r.certificateArn(), Map.of()));
      } else if (request instanceof ListTagsForCertificateRequest r) {
        out.add(new Authorization("", op, action, r.certificateArn(), Map.of()));
      } else if (request instanceof DeleteCertificateRequest r) {
        out.add(
            new Authorization(
                "",
                op,
                action,
                r.certificateArn(),
                resourceTags(before.tags().get(r.certificateArn()))));
      } else if (op.equals("ListCertificates")) {
        out.add(new Authorization("", op, action, "*", Map.of()));
      } else {
        throw new AssertionError("no authorisation model for ACM " + op);
      }
    } else if (request.getClass().getPackageName().endsWith("route53.model")) {
      String action = "route53:" + op;
      String zone = "arn:aws:route53:::hostedzone/";
      if (request instanceof ChangeResourceRecordSetsRequest r) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> types = new LinkedHashSet<>();
        Set<String> actions = new LinkedHashSet<>();
        for (Change change : r.changeBatch().changes()) {
          names.add(normalized(change.resourceRecordSet().name()));
          types.add(change.resourceRecordSet().typeAsString());
          actions.add(change.actionAsString());
        }
        Map<String, Object> context = new TreeMap<>();
        context.put("route53:ChangeResourceRecordSetsNormalizedRecordNames", List.copyOf(names));
        context.put("route53:ChangeResourceRecordSetsRecordTypes", List.copyOf(types));
        context.put("route53:ChangeResourceRecordSetsActions", List.copyOf(actions));
        out.add(
            new Authorization(
                "", op, action, zone + AwsGateway.bareZoneId(r.hostedZoneId()), context));
      } else if (request instanceof ListResourceRecordSetsRequest r) {
        out.add(
            new Authorization(
                "", op, action, zone + AwsGateway.bareZoneId(r.hostedZoneId()), Map.of()));
      } else if (request instanceof GetHostedZoneRequest r) {
        out.add(new Authorization("", op, action, zone + AwsGateway.bareZoneId(r.id()), Map.of()));
      } else if (request instanceof GetChangeRequest r) {
        out.add(
            new Authorization(
                "",
                op,
                action,
                "arn:aws:route53:::change/" + AwsGateway.bareZoneId(r.id()),
                Map.of()));
      } else if (op.equals("ListHostedZonesByName")) {
        out.add(new Authorization("", op, action, "*", Map.of()));
      } else {
        throw new AssertionError("no authorisation model for Route 53 " + op);
      }
    } else if (request.getClass().getPackageName().endsWith("iam.model")) {
      if (op.equals("GetRole")) {
        out.add(new Authorization("", op, "iam:GetRole", role, Map.of()));
      } else {
        throw new AssertionError("no authorisation model for IAM " + op);
      }
    } else {
      throw new AssertionError("no authorisation model for " + request.getClass());
    }
    return out;
  }

  /** Route 53's normalised record name: lower case, no final dot, escapes decoded. */
  static String normalized(String name) {
    String lower = name.toLowerCase(Locale.ROOT).replace("\\052", "*");
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  private static Authorization tagOnCreate(
      String op,
      String arn,
      List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> tags) {
    Map<String, Object> context = elbRequestTags(tags);
    context.put("elasticloadbalancing:CreateAction", op);
    return new Authorization("", op, "elasticloadbalancing:AddTags", arn, context);
  }

  private static Map<String, Object> elbRequestTags(
      List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> tags) {
    Map<String, Object> context = new TreeMap<>();
    if (!tags.isEmpty()) {
      tags.forEach(t -> context.put("aws:RequestTag/" + t.key(), t.value()));
      context.put("aws:TagKeys", tags.stream().map(t -> t.key()).toList());
    }
    return context;
  }

  private static Map<String, Object> ec2RequestTags(List<TagSpecification> specifications) {
    Map<String, Object> context = new TreeMap<>();
    List<String> keys = new ArrayList<>();
    for (TagSpecification specification : specifications) {
      specification
          .tags()
          .forEach(
              t -> {
                context.put("aws:RequestTag/" + t.key(), t.value());
                keys.add(t.key());
              });
    }
    if (!keys.isEmpty()) {
      context.put("aws:TagKeys", keys);
    }
    return context;
  }

  private static Map<String, Object> resourceTags(Map<String, String> tags) {
    Map<String, Object> context = new TreeMap<>();
    if (tags != null) {
      tags.forEach((k, v) -> context.put("aws:ResourceTag/" + k, v));
    }
    return context;
  }
}
