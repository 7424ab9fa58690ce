package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.CertificateChoice;
import io.elbctl.sim.Decision;
import io.elbctl.sim.HealthModel;
import io.elbctl.sim.Router;
import io.elbctl.sim.RuleCompilationException;
import io.elbctl.sim.Semantics;
import io.elbctl.sim.StickyCookies;
import io.elbctl.sim.TargetPicker;
import io.elbctl.sim.TargetRef;
import io.elbctl.spec.ForwardAction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What simulate, test and the health views share: the spec compiled into a router, and the {@code
 * GROUP[/TARGET]} subjects and {@code GROUP[/TARGET]=STATE} statements of their options.
 */
final class SimulationSetup {
  private SimulationSetup() {}

  static Router compile(io.elbctl.spec.Spec spec, Semantics semantics) {
    try {
      return Router.compile(spec, semantics);
    } catch (RuleCompilationException e) {
      throw new ElbctlException(
          ExitCode.INVALID_SPEC, "cannot compile the spec's rules: " + e.getMessage());
    }
  }

  /** The target each forwarded hop reaches, as the group's algorithm and stickiness pick it. */
  static List<TargetPicker.Pick> picks(io.elbctl.spec.Spec spec, List<Decision> hops) {
    TargetPicker picker = new TargetPicker(spec);
    List<TargetPicker.Pick> picks = new ArrayList<>();
    for (Decision hop : hops) {
      picks.add(
          hop.action() instanceof ForwardAction && !answeredByTheLoadBalancer(hop)
              ? picker.pick(hop, StickyCookies.fromHeaders(hop.request().headers()), Instant.now())
              : null);
    }
    return picks;
  }

  /** An authenticate action's 302 or 401, or a failed transform's 500: no target is picked. */
  private static boolean answeredByTheLoadBalancer(Decision hop) {
    return (hop.authentication() != null && hop.authentication().statusCode() != null)
        || (hop.rewritten() != null && hop.rewritten().failed());
  }

  /**
   * The certificate an HTTPS hop's handshake gets: for {@code sni}, or the request's host name when
   * it is null; null for other hops and specs without a certificate.
   */
  static Function<Decision, CertificateChoice> certificateChoice(
      io.elbctl.spec.Spec spec, String sni) {
    return hop -> {
      if (!"HTTPS".equals(hop.listenerProtocol()) || spec.certificate() == null) {
        return null;
      }
      io.elbctl.spec.Listener listener =
          spec.loadBalancer().listeners().stream()
              .filter(l -> l.port() == hop.listenerPort())
              .findFirst()
              .orElseThrow();
      return CertificateChoice.choose(
          CertificateChoice.served(spec, listener), sni != null ? sni : hop.request().hostName());
    };
  }

  /** Applies {@code GROUP[/TARGET]=STATE} statements to the model. */
  static void applyTargetHealth(HealthModel health, List<TargetHealth> statements) {
    for (TargetHealth statement : statements) {
      for (TargetRef ref : selectTargets(health, statement.subject(), "--target-health")) {
        health.set(groupOf(statement.subject()), ref, statement.state(), Duration.ZERO);
      }
    }
  }

  static String groupOf(String subject) {
    int slash = subject.indexOf('/');
    return slash < 0 ? subject : subject.substring(0, slash);
  }

  /** The targets {@code GROUP} or {@code GROUP/ID[:PORT]} names. */
  static List<TargetRef> selectTargets(HealthModel health, String subject, String flag) {
    String group = groupOf(subject);
    List<TargetRef> all = health.targets(group);
    try {
      health.settings(group);
    } catch (IllegalArgumentException e) {
      throw new ElbctlException(ExitCode.USAGE, flag + ": " + e.getMessage());
    }
    int slash = subject.indexOf('/');
    if (slash < 0) {
      return all;
    }
    String wanted = subject.substring(slash + 1);
    List<TargetRef> chosen =
        all.stream().filter(t -> t.key().equals(wanted) || t.id().equals(wanted)).toList();
    if (chosen.isEmpty()) {
      throw new ElbctlException(
          ExitCode.USAGE,
          flag
              + ": target group '"
              + group
              + "' has no target '"
              + wanted
              + "' (it has "
              + all
              + ")");
    }
    return chosen;
  }
}
