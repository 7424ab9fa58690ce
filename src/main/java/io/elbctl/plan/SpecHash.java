package io.elbctl.plan;

import io.elbctl.spec.Listener;
import io.elbctl.spec.LoadBalancer;
import io.elbctl.spec.Rule;
import io.elbctl.spec.Spec;
import io.elbctl.spec.TargetGroup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Short hashes of the spec fragment each tagged resource was last applied from; with no state file,
 * a live resource whose hash tag equals the current fragment's hash but whose settings differ was
 * changed outside elbctl (drift), while a differing hash means the spec changed.
 */
public final class SpecHash {
  private SpecHash() {}

  /** A target group's settings and its resolved targets, in a stable order. */
  public static String of(TargetGroup group) {
    List<String> targets =
        new ArrayList<>(group.resolvedTargets().stream().map(Object::toString).toList());
    targets.sort(Comparator.naturalOrder());
    List<Object> parts =
        new ArrayList<>(
            Arrays.asList(
                "tg",
                group.name(),
                group.protocol(),
                group.port(),
                group.targetType(),
                group.healthCheck(),
                group.deregistrationDelaySeconds(),
                group.stickinessSeconds()));
    // Groups without the later attributes keep the hash they had before those existed, so they do
    // not look edited.
    if (!group.defaultRouting() || TargetGroup.APP_COOKIE.equals(group.stickinessType())) {
      parts.addAll(
          Arrays.asList(
              group.stickinessType(),
              group.stickinessCookieName(),
              group.algorithm(),
              group.slowStartSeconds()));
    }
    parts.add(targets);
    return hash(parts.toArray());
  }

  /** The load balancer's mutable settings and the spec's security groups. */
  public static String of(Spec spec, LoadBalancer lb) {
    List<String> groups = new ArrayList<>(spec.network().securityGroups());
    groups.sort(Comparator.naturalOrder());
    if (lb.defaultRequestHandling()) {
      // The hash load balancers had before these settings existed, so they do not look edited.
      return hash(
          "lb", lb.name(), lb.scheme(), lb.ipAddressType(), lb.idleTimeoutSeconds(), groups);
    }
    return hash(
        "lb",
        lb.name(),
        lb.scheme(),
        lb.ipAddressType(),
        lb.idleTimeoutSeconds(),
        groups,
        lb.desyncMitigationMode(),
        lb.dropInvalidHeaderFields());
  }

  /**
   * A listener with its default action, certificate names and every rule, so a rule edited, moved
   * or deleted in the console shows as drift of its listener.
   */
  public static String of(Spec spec, Listener listener) {
    List<String> rules = new ArrayList<>();
    List<Rule> sorted = new ArrayList<>(listener.rules());
    sorted.sort(Comparator.comparing(Rule::priority));
    for (Rule rule : sorted) {
      rules.add(
          rule.priority()
              + " "
              + rule.conditions()
              + " "
              + Canonical.action(rule.action())
              + (rule.transforms().isEmpty() ? "" : " " + rule.transforms())
              + (rule.authenticate() == null
                  ? ""
                  : " " + Describe.authenticate(rule.authenticate())));
    }
    List<String> names = new ArrayList<>();
    if (listener.https() && spec.certificate() != null) {
      spec.certificate().allNames().forEach(n -> names.add(n.toLowerCase(Locale.ROOT)));
      names.sort(Comparator.naturalOrder());
    }
    if (!listener.certificates().isEmpty()) {
      // Only a listener with SNI certificates hashes them, so other hashes stay as they were.
      List<String> extras = new ArrayList<>();
      listener.certificates().forEach(c -> extras.add(c.nameSet().toString()));
      extras.sort(Comparator.naturalOrder());
      rules.add("certificates " + extras);
    }
    return hash(
        "listener",
        listener.port(),
        listener.protocol(),
        listener.https() ? listener.sslPolicy() : null,
        Canonical.action(listener.defaultAction()),
        names,
        rules);
  }

  private static String hash(Object... parts) {
    StringBuilder text = new StringBuilder();
    for (Object part : parts) {
      text.append(part).append('\u0000');
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
