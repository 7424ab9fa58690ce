package io.elbctl.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The whole elbctl spec: one domain, one certificate, target groups and one load balancer. */
@Doc(
    "An elbctl spec: one domain, one certificate, target groups and one Application Load Balancer.")
public record Spec(
    @Required @Doc("Spec format version; must be \"elbctl/v1\".") String apiVersion,
    @Required @Doc("Name of this setup; tags every resource elbctl creates for it.") String name,
    @Required @Doc("AWS region of the load balancer and certificate, e.g. \"eu-west-1\".")
        String region,
    @Required @Doc("The Route 53 hosted zone and the alias records to point at the load balancer.")
        Domain domain,
    @Doc("The ACM certificate for the HTTPS listener (required when a listener is HTTPS).")
        Certificate certificate,
    @Doc("Where the load balancer lives; defaults to the default VPC and its default subnets.")
        Network network,
    @Required @Doc("The target groups the listeners forward to.") List<TargetGroup> targetGroups,
    @Required @Doc("The Application Load Balancer and its listeners.") LoadBalancer loadBalancer) {

  public static final String API_VERSION = "elbctl/v1";

  /**
   * The top-level key of the notes {@code elbctl import} writes when the live load balancer has
   * more than a spec can express; elbctl reads past it.
   */
  public static final String IMPORT_NOTES = "importNotes";

  /** What the schema says of {@link #IMPORT_NOTES}. */
  public static final String IMPORT_NOTES_DOC =
      "Written by elbctl import when this spec is partial: each note names a place on the live"
          + " load balancer and what this spec leaves out there. elbctl ignores it.";

  public Spec {
    network = network == null ? new Network(null, null, null) : network;
    targetGroups = targetGroups == null ? List.of() : List.copyOf(targetGroups);
  }

  /**
   * Every certificate an HTTPS listener serves, the spec's default first, then each listener's
   * extra ones in listener order, without repeating a certificate of the same names.
   */
  public List<Certificate> certificates() {
    List<Certificate> all = new java.util.ArrayList<>();
    Set<Set<String>> seen = new HashSet<>();
    if (certificate != null) {
      all.add(certificate);
      seen.add(certificate.nameSet());
    }
    if (loadBalancer != null) {
      for (Listener listener : loadBalancer.listeners()) {
        for (Certificate extra : listener.certificates()) {
          if (seen.add(extra.nameSet())) {
            all.add(extra);
          }
        }
      }
    }
    return List.copyOf(all);
  }

  /** The target group with this name, if the spec has one. */
  public Optional<TargetGroup> targetGroup(String groupName) {
    return targetGroups.stream().filter(g -> g.name().equals(groupName)).findFirst();
  }

  /**
   * Names of the groups some listener's default action or rule forwards to, whatever their weight;
   * none when the spec has no load balancer.
   */
  public Set<String> groupsInUse() {
    Set<String> used = new HashSet<>();
    if (loadBalancer == null) {
      return used;
    }
    for (Listener listener : loadBalancer.listeners()) {
      addForwarded(listener.defaultAction(), used);
      for (Rule rule : listener.rules()) {
        addForwarded(rule.action(), used);
      }
    }
    return used;
  }

  private static void addForwarded(Action action, Set<String> used) {
    if (action instanceof ForwardAction forward) {
      forward.groups().forEach(g -> used.add(g.name()));
    }
  }
}
