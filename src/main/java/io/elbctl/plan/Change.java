package io.elbctl.plan;

import io.elbctl.spec.Listener;
import io.elbctl.spec.LoadBalancer;
import io.elbctl.spec.Rule;
import io.elbctl.spec.Target;
import io.elbctl.spec.TargetGroup;
import java.util.List;

/** One thing the apply must do to make AWS match the spec; a step applies the ones of its kind. */
public sealed interface Change {

  /** Whether a change creates, updates or deletes a resource. */
  enum Kind {
    CREATE("+", "create"),
    UPDATE("~", "update"),
    DELETE("-", "delete");

    public final String symbol;
    public final String verb;

    Kind(String symbol, String verb) {
      this.symbol = symbol;
      this.verb = verb;
    }
  }

  StepKind step();

  Kind kind();

  /** What the change is about, e.g. "target group backend" or "rule 10 on HTTPS:443". */
  String resource();

  /** The attributes that change (old → new), or that a new resource gets. */
  List<Field> fields();

  /** A change the certificate step makes. */
  sealed interface CertificateChange extends Change {
    @Override
    default StepKind step() {
      return StepKind.CERTIFICATE;
    }
  }

  /** A change the target-groups step makes. */
  sealed interface TargetGroupChange extends Change {
    @Override
    default StepKind step() {
      return StepKind.TARGET_GROUPS;
    }
  }

  /** A change the load-balancer step makes: security group, load balancer and listeners. */
  sealed interface LoadBalancerChange extends Change {
    @Override
    default StepKind step() {
      return StepKind.LOAD_BALANCER;
    }
  }

  /** A change the rules step makes. */
  sealed interface RuleChange extends Change {
    @Override
    default StepKind step() {
      return StepKind.RULES;
    }
  }

  /** A change the DNS step makes. */
  sealed interface DnsChange extends Change {
    @Override
    default StepKind step() {
      return StepKind.DNS;
    }
  }

  /** A change that creates a resource. */
  sealed interface Creation extends Change {
    @Override
    default Kind kind() {
      return Kind.CREATE;
    }
  }

  /** A change that updates a resource in place. */
  sealed interface Update extends Change {
    @Override
    default Kind kind() {
      return Kind.UPDATE;
    }
  }

  /** A change that deletes a resource; a deletion lists no attributes unless it says otherwise. */
  sealed interface Deletion extends Change {
    @Override
    default Kind kind() {
      return Kind.DELETE;
    }

    @Override
    default List<Field> fields() {
      return List.of();
    }
  }

  /** Requests a DNS-validated certificate for exactly these names. */
  record RequestCertificate(List<String> names, String idempotencyToken)
      implements CertificateChange, Creation {
    public RequestCertificate {
      names = List.copyOf(names);
    }

    public String resource() {
      return "certificate " + String.join(", ", names);
    }

    public List<Field> fields() {
      return List.of(
          new Field("validation", null, "DNS, CNAME records written to the hosted zone"),
          new Field("idempotencyToken", null, idempotencyToken));
    }
  }

  /** Writes the validation CNAMEs of an existing certificate that the zone lacks. */
  record UpsertValidationRecords(String certificateArn, List<Inventory.ValidationRecord> records)
      implements CertificateChange, Creation {
    public UpsertValidationRecords {
      records = List.copyOf(records);
    }

    public String resource() {
      return "validation record" + (records.size() == 1 ? " " : "s ") + names();
    }

    private String names() {
      return String.join(", ", records.stream().map(Inventory.ValidationRecord::name).toList());
    }

    public List<Field> fields() {
      return records.stream()
          .map(r -> new Field(r.name() + " " + r.type(), null, r.value()))
          .toList();
    }
  }

  /** Creates a target group (then registers its targets). */
  record CreateTargetGroup(TargetGroup group) implements TargetGroupChange, Creation {
    public String resource() {
      return "target group " + group.name();
    }

    public List<Field> fields() {
      return List.of(
          new Field("protocol:port", null, group.protocol() + ":" + group.port()),
          new Field("targetType", null, group.targetType()),
          new Field("healthCheck.path", null, group.healthCheck().path()),
          new Field("healthCheck.matcher", null, group.healthCheck().matcher()));
    }
  }

  /** Changes the health check and/or attributes of an existing target group. */
  record UpdateTargetGroup(
      String arn, TargetGroup group, List<Field> fields, boolean healthCheck, boolean attributes)
      implements TargetGroupChange, Update {
    public UpdateTargetGroup {
      fields = List.copyOf(fields);
    }

    public String resource() {
      return "target group " + group.name();
    }
  }

  /** Registers targets the spec lists but the group lacks; ports are resolved. */
  record RegisterTargets(String group, List<Target> targets)
      implements TargetGroupChange, Creation {
    public RegisterTargets {
      targets = List.copyOf(targets);
    }

    public String resource() {
      return "targets of " + group;
    }

    public List<Field> fields() {
      return targets.stream().map(t -> new Field("target", null, t.id() + ":" + t.port())).toList();
    }
  }

  /** Deregisters targets that the spec no longer lists. */
  record DeregisterTargets(String group, List<Target> targets)
      implements TargetGroupChange, Deletion {
    public DeregisterTargets {
      targets = List.copyOf(targets);
    }

    public String resource() {
      return "targets of " + group;
    }

    public List<Field> fields() {
      return targets.stream().map(t -> new Field("target", t.id() + ":" + t.port(), null)).toList();
    }
  }

  /** Creates the security group that lets HTTP and HTTPS reach the load balancer. */
  record CreateSecurityGroup(String name, String vpcId) implements LoadBalancerChange, Creation {
    public String resource() {
      return "security group " + name;
    }

    public List<Field> fields() {
      return List.of(
          new Field("vpc", null, vpcId), new Field("ingress", null, "tcp 80, 443 from anywhere"));
    }
  }

  /** Creates the load balancer; empty {@code securityGroups} means the one elbctl creates. */
  record CreateLoadBalancer(
      LoadBalancer loadBalancer, List<String> subnets, List<String> securityGroups)
      implements LoadBalancerChange, Creation {
    public CreateLoadBalancer {
      subnets = List.copyOf(subnets);
      securityGroups = List.copyOf(securityGroups);
    }

    public String resource() {
      return "load balancer " + loadBalancer.name();
    }

    public List<Field> fields() {
      return List.of(
          new Field("scheme", null, loadBalancer.scheme()),
          new Field("ipAddressType", null, loadBalancer.ipAddressType()),
          new Field("subnets", null, String.join(", ", subnets)),
          new Field(
              "securityGroups",
              null,
              securityGroups.isEmpty()
                  ? "(the one created above)"
                  : String.join(", ", securityGroups)),
          new Field("idleTimeoutSeconds", null, String.valueOf(loadBalancer.idleTimeoutSeconds())),
          new Field("desyncMitigationMode", null, loadBalancer.desyncMitigationMode()),
          new Field(
              "dropInvalidHeaderFields",
              null,
              String.valueOf(loadBalancer.dropInvalidHeaderFields())));
    }
  }

  /** Changes the idle timeout, request handling and/or the security groups of the load balancer. */
  record UpdateLoadBalancer(
      String arn, LoadBalancer loadBalancer, List<String> securityGroups, List<Field> fields)
      implements LoadBalancerChange, Update {
    public UpdateLoadBalancer {
      securityGroups = List.copyOf(securityGroups);
      fields = List.copyOf(fields);
    }

    public String resource() {
      return "load balancer " + loadBalancer.name();
    }
  }

  /** Creates a listener with its default action (HTTPS also with the certificate). */
  record CreateListener(Listener listener) implements LoadBalancerChange, Creation {
    public String resource() {
      return "listener " + listener.protocol() + ":" + listener.port();
    }

    public List<Field> fields() {
      var fields = new java.util.ArrayList<Field>();
      if (listener.https()) {
        fields.add(new Field("sslPolicy", null, listener.sslPolicy()));
        fields.add(new Field("certificate", null, "the spec's certificate, once ISSUED"));
      }
      fields.add(new Field("defaultAction", null, Describe.action(listener.defaultAction())));
      return List.copyOf(fields);
    }
  }

  /** Replaces protocol, TLS policy, certificate and default action of a listener. */
  record UpdateListener(String arn, Listener listener, List<Field> fields)
      implements LoadBalancerChange, Update {
    public UpdateListener {
      fields = List.copyOf(fields);
    }

    public String resource() {
      return "listener " + listener.protocol() + ":" + listener.port();
    }
  }

  /** Deletes a listener elbctl created for this spec on a port the spec no longer has. */
  record DeleteListener(String arn, String protocol, int port)
      implements LoadBalancerChange, Deletion {
    public String resource() {
      return "listener " + protocol + ":" + port;
    }
  }

  /** Creates a rule on the listener at {@code port}. */
  record CreateRule(int port, String protocol, Rule rule) implements RuleChange, Creation {
    public String resource() {
      return "rule " + rule.priority() + " on " + protocol + ":" + port;
    }

    public List<Field> fields() {
      List<Field> fields = new java.util.ArrayList<>();
      fields.add(new Field("conditions", null, Describe.conditions(rule.conditions())));
      if (!rule.transforms().isEmpty()) {
        fields.add(new Field("transforms", null, Describe.transforms(rule.transforms())));
      }
      if (rule.authenticate() != null) {
        fields.add(new Field("authenticate", null, Describe.authenticate(rule.authenticate())));
      }
      fields.add(new Field("action", null, Describe.action(rule.action())));
      return fields;
    }
  }

  /** Replaces the conditions and actions of a rule in place (ModifyRule sends full lists). */
  record ModifyRule(int port, String protocol, String arn, Rule rule, List<Field> fields)
      implements RuleChange, Update {
    public ModifyRule {
      fields = List.copyOf(fields);
    }

    public String resource() {
      return "rule " + rule.priority() + " on " + protocol + ":" + port;
    }
  }

  /**
   * Moves a rule to another priority; {@code parking} marks a move to a free priority that only
   * makes room for another move.
   */
  record MoveRule(int port, String protocol, String arn, int from, int to, boolean parking)
      implements RuleChange, Update {
    public String resource() {
      return "rule " + from + " on " + protocol + ":" + port;
    }

    public List<Field> fields() {
      return List.of(
          new Field(
              parking ? "priority (temporary, to make room)" : "priority", "" + from, "" + to));
    }
  }

  /** Deletes a rule this spec owns and no longer has. */
  record DeleteRule(int port, String protocol, String arn, int priority)
      implements RuleChange, Deletion {
    public String resource() {
      return "rule " + priority + " on " + protocol + ":" + port;
    }
  }

  /**
   * Points an A or AAAA alias record at the load balancer (UPSERT), and writes the TXT record that
   * marks it as this spec's when {@code marker} is set.
   */
  record UpsertAlias(String name, String type, String oldTarget, String newTarget, String marker)
      implements DnsChange {
    public UpsertAlias(String name, String type, String oldTarget, String newTarget) {
      this(name, type, oldTarget, newTarget, null);
    }

    public Kind kind() {
      return oldTarget == null ? Kind.CREATE : Kind.UPDATE;
    }

    public String resource() {
      return "alias record " + name + " " + type;
    }

    public List<Field> fields() {
      Field target = new Field("target", oldTarget, newTarget);
      if (marker != null && oldTarget != null) {
        return List.of(new Field("owner (adopt)", "no elbctl TXT record", "this spec"), target);
      }
      return List.of(target);
    }
  }

  /**
   * Tags an existing resource that this spec did not create so that elbctl manages it from now on
   * ({@code --adopt}); {@code service} is "elb" or "ec2".
   */
  record Adopt(StepKind step, String resource, String id, String service, String oldTags)
      implements Change {
    public Kind kind() {
      return Kind.UPDATE;
    }

    public List<Field> fields() {
      return List.of(new Field("owner (adopt)", oldTags, "this spec"));
    }
  }

  // ---------------------------------------------------------------- destroy

  /** Deletes an alias record this spec owns, and its ownership TXT record if it has one. */
  record DeleteAlias(Inventory.RecordSet record, Inventory.RecordSet marker)
      implements DnsChange, Deletion {
    public String resource() {
      return (record.aliasDnsName() == null ? "record " : "alias record ")
          + record.name()
          + " "
          + record.type();
    }

    public List<Field> fields() {
      return record.aliasDnsName() == null
          ? List.of()
          : List.of(new Field("target", record.aliasDnsName(), null));
    }
  }

  /** Deletes the load balancer this spec created, then waits until AWS no longer lists it. */
  record DeleteLoadBalancer(String arn, String name) implements LoadBalancerChange, Deletion {
    public String resource() {
      return "load balancer " + name;
    }
  }

  /** Deletes the security group elbctl created for the load balancer. */
  record DeleteSecurityGroup(String id, String name) implements LoadBalancerChange, Deletion {
    public String resource() {
      return "security group " + name + " (" + id + ")";
    }
  }

  /** Deletes a target group this spec created. */
  record DeleteTargetGroup(String arn, String name) implements TargetGroupChange, Deletion {
    public String resource() {
      return "target group " + name;
    }
  }

  /** Deletes the certificate this spec requested, once no listener uses it. */
  record DeleteCertificate(String arn, List<String> names) implements CertificateChange, Deletion {
    public DeleteCertificate {
      names = List.copyOf(names);
    }

    public String resource() {
      return "certificate " + String.join(", ", names);
    }

    public List<Field> fields() {
      return List.of(new Field("arn", arn, null));
    }
  }

  /** Deletes validation CNAMEs that no other certificate in the account needs. */
  record DeleteValidationRecords(List<Inventory.RecordSet> records)
      implements CertificateChange, Deletion {
    public DeleteValidationRecords {
      records = List.copyOf(records);
    }

    public String resource() {
      return "validation record"
          + (records.size() == 1 ? " " : "s ")
          + String.join(", ", records.stream().map(Inventory.RecordSet::name).toList());
    }
  }
}
