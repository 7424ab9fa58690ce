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

  /** Requests a DNS-validated certificate for exactly these names. */
  record RequestCertificate(List<String> names, String idempotencyToken) implements Change {
    public RequestCertificate {
      names = List.copyOf(names);
    }

    public StepKind step() {
      return StepKind.CERTIFICATE;
    }

    public Kind kind() {
      return Kind.CREATE;
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
      implements Change {
    public UpsertValidationRecords {
      records = List.copyOf(records);
    }

    public StepKind step() {
      return StepKind.CERTIFICATE;
    }

    public Kind kind() {
      return Kind.CREATE;
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
  record CreateTargetGroup(TargetGroup group) implements Change {
    public StepKind step() {
      return StepKind.TARGET_GROUPS;
    }

    public Kind kind() {
      return Kind.CREATE;
    }

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
      implements Change {
    public UpdateTargetGroup {
      fields = List.copyOf(fields);
    }

    public StepKind step() {
      return StepKind.TARGET_GROUPS;
    }

    public Kind kind() {
      return Kind.UPDATE;
    }

    public String resource() {
      return "target group " + group.name();
    }
  }

  /** Registers targets the spec lists but the group lacks; ports are resolved. */
  record RegisterTargets(String group, List<Target> targets) implements Change {
    public RegisterTargets {
      targets = List.copyOf(targets);
    }

    public StepKind step() {
      return StepKind.TARGET_GROUPS;
    }

    public Kind kind() {
      return Kind.CREATE;
    }

    public String resource() {
      return "targets of " + group;
    }

    public List<Field> fields() {
      return targets.stream().map(t -> new Field("target", null, t.id() + ":" + t.port())).toList();
    }
  }

  /** Deregisters targets that the spec no longer lists. */
  record DeregisterTargets(String group, List<Target> targets) implements Change {
    public DeregisterTargets {
      targets = List.copyOf(targets);
    }

    public StepKind step() {
      return StepKind.TARGET_GROUPS;
    }

    public Kind kind() {
      return Kind.DELETE;
    }

    public String resource() {
      return "targets of " + group;
    }

    public List<Field> fields() {
      return targets.stream().map(t -> new Field("target", t.id() + ":" + t.port(), null)).toList();
    }
  }

  /** Creates the security group that lets HTTP and HTTPS reach the load balancer. */
  record CreateSecurityGroup(String name, String vpcId) implements Change {
    public StepKind step() {
      return StepKind.LOAD_BALANCER;
    }

    public Kind kind() {
      return Kind.CREATE;
    }

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
      implements Change {
    public CreateLoadBalancer {
      subnets = List.copyOf(subnets);
      securityGroups = List.copyOf(securityGroups);
    }

    public StepKind step() {
      return StepKind.LOAD_BALANCER;
    }

    public Kind kind() {
      return Kind.CREATE;
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
          new Field("idleTimeoutSeconds", null, String.valueOf(loadBalancer.idleTimeoutSeconds())));
    }
  }

  /** Changes the idle timeout and/or the security groups of the load balancer. */
  record UpdateLoadBalancer(
      String arn, LoadBalancer loadBalancer, List<String> securityGroups, List<Field> fields)
      implements Change {
    public UpdateLoadBalancer {
      securityGroups = List.copyOf(securityGroups);
      fields = List.copyOf(fields);
    }

    public StepKind step() {
      return StepKind.LOAD_BALANCER;
    }

    public Kind kind() {
      return Kind.UPDATE;
    }

    public String resource() {
      return "load balancer " + loadBalancer.name();
    }
  }

  /** Creates a listener with its default action (HTTPS also with the certificate). */
  record CreateListener(Listener listener) implements Change {
    public StepKind step() {
      return StepKind.LOAD_BALANCER;
    }

    public Kind kind() {
      return Kind.CREATE;
    }

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
  record UpdateListener(String arn, Listener listener, List<Field> fields) implements Change {
    public UpdateListener {
      fields = List.copyOf(fields);
    }

    public StepKind step() {
      return StepKind.LOAD_BALANCER;
    }

    public Kind kind() {
      return Kind.UPDATE;
    }

    public String resource() {
      return "listener " + listener.protocol() + ":" + listener.port();
    }
  }

  /** Deletes a listener elbctl created for this spec on a port the spec no longer has. */
  record DeleteListener(String arn, String protocol, int port) implements Change {
    public StepKind step() {
      return StepKind.LOAD_BALANCER;
    }

    public Kind kind() {
      return Kind.DELETE;
    }

    public String resource() {
      return "listener " + protocol + ":" + port;
    }

    public List<Field> fields() {
      return List.of();
    }
  }

  /** Creates a rule on the listener at {@code port}. */
  record CreateRule(int port, String protocol, Rule rule) implements Change {
    public StepKind step() {
      return StepKind.RULES;
    }

    public Kind kind() {
      return Kind.CREATE;
    }

    public String resource() {
      return "rule " + rule.priority() + " on " + protocol + ":" + port;
    }

    public List<Field> fields() {
      return List.of(
          new Field("conditions", null, Describe.conditions(rule.conditions())),
          new Field("action", null, Describe.action(rule.action())));
    }
  }

  /** Replaces the conditions and actions of a rule in place (ModifyRule sends full lists). */
  record ModifyRule(int port, String protocol, String arn, Rule rule, List<Field> fields)
      implements Change {
    public ModifyRule {
      fields = List.copyOf(fields);
    }

    public StepKind step() {
      return StepKind.RULES;
    }

    public Kind kind() {
      return Kind.UPDATE;
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
      implements Change {
    public StepKind step() {
      return StepKind.RULES;
    }

    public Kind kind() {
      return Kind.UPDATE;
    }

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
  record DeleteRule(int port, String protocol, String arn, int priority) implements Change {
    public StepKind step() {
      return StepKind.RULES;
    }

    public Kind kind() {
      return Kind.DELETE;
    }

    public String resource() {
      return "rule " + priority + " on " + protocol + ":" + port;
    }

    public List<Field> fields() {
      return List.of();
    }
  }

  /** Points an A or AAAA alias record at the load balancer (UPSERT). */
  record UpsertAlias(String name, String type, String oldTarget, String newTarget)
      implements Change {
    public StepKind step() {
      return StepKind.DNS;
    }

    public Kind kind() {
      return oldTarget == null ? Kind.CREATE : Kind.UPDATE;
    }

    public String resource() {
      return "alias record " + name + " " + type;
    }

    public List<Field> fields() {
      return List.of(new Field("target", oldTarget, newTarget));
    }
  }
}
