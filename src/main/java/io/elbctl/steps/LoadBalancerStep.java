package io.elbctl.steps;

import io.elbctl.plan.Change;
import io.elbctl.plan.Field;
import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Ownership;
import io.elbctl.plan.SpecHash;
import io.elbctl.plan.StepKind;
import io.elbctl.spec.Listener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Step 4: the security group, the load balancer (waited until active) and its listeners; HTTPS
 * listeners run last because they are the only ones that wait for the certificate.
 */
public final class LoadBalancerStep implements Step<Change.LoadBalancerChange> {
  private boolean groupCreatedNow;

  @Override
  public StepKind kind() {
    return StepKind.LOAD_BALANCER;
  }

  @Override
  public Class<Change.LoadBalancerChange> changes() {
    return Change.LoadBalancerChange.class;
  }

  @Override
  public void apply(List<Change.LoadBalancerChange> changes, StepContext context) {
    List<Change.LoadBalancerChange> needCertificate = new ArrayList<>();
    for (Change.LoadBalancerChange change : changes) {
      if (needsCertificate(change)) {
        needCertificate.add(change);
      } else {
        run(change, context);
      }
    }
    for (Change.LoadBalancerChange change : needCertificate) {
      run(change, context);
    }
  }

  private static boolean needsCertificate(Change change) {
    return (change instanceof Change.CreateListener create && create.listener().https())
        || (change instanceof Change.UpdateListener update && update.listener().https());
  }

  private void run(Change change, StepContext context) {
    if (change instanceof Change.CreateSecurityGroup group) {
      String id =
          context
              .aws()
              .createSecurityGroup(
                  group.name(),
                  group.vpcId(),
                  "HTTP and HTTPS to load balancer " + context.spec().loadBalancer().name(),
                  context.tags());
      context.securityGroupCreated(id);
      groupCreatedNow = true;
      // EC2 may not find a group created moments ago (eventual consistency): the poller retries.
      context
          .poller()
          .until(
              "EC2 to find security group " + id,
              context.waitTimeout(),
              () -> {
                context.aws().allowWebTraffic(id);
                return true;
              },
              opened -> opened,
              opened -> "found",
              "run the same elbctl command again; it opens the group it created");
      context.report("+ created security group " + group.name() + " (" + id + ")");
    } else if (change instanceof Change.CreateLoadBalancer create) {
      List<String> groups =
          create.securityGroups().isEmpty() && context.securityGroupId() != null
              ? List.of(context.securityGroupId())
              : create.securityGroups();
      if (context.spec().network().securityGroups().isEmpty()
          && context.securityGroupId() != null
          && !groupCreatedNow) {
        // An earlier run may have stopped between creating the group and opening it.
        context.aws().allowWebTraffic(context.securityGroupId());
      }
      String arn =
          context
              .aws()
              .createLoadBalancer(
                  create.loadBalancer(),
                  create.subnets(),
                  groups,
                  context.tags(SpecHash.of(context.spec(), create.loadBalancer())));
      context.report("+ created load balancer " + create.loadBalancer().name());
      context.loadBalancer(awaitActive(context, arn));
      if (create.loadBalancer().idleTimeoutSeconds() != 60) {
        context.aws().setIdleTimeout(arn, create.loadBalancer().idleTimeoutSeconds());
      }
      if (!create.loadBalancer().defaultRequestHandling()) {
        context.aws().setRequestHandling(arn, create.loadBalancer());
      }
    } else if (change instanceof Change.UpdateLoadBalancer update) {
      boolean requestHandling = false;
      for (Field field : update.fields()) {
        if (field.name().equals("idleTimeoutSeconds")) {
          context.aws().setIdleTimeout(update.arn(), update.loadBalancer().idleTimeoutSeconds());
        } else if (field.name().equals("desyncMitigationMode")
            || field.name().equals("dropInvalidHeaderFields")) {
          requestHandling = true;
        } else if (field.name().equals("securityGroups")) {
          context.aws().setSecurityGroups(update.arn(), update.securityGroups());
        } else {
          throw new AssertionError(field);
        }
      }
      if (requestHandling) {
        context.aws().setRequestHandling(update.arn(), update.loadBalancer());
      }
      context.report("~ updated load balancer " + update.loadBalancer().name());
    } else if (change instanceof Change.CreateListener create) {
      Listener listener = create.listener();
      String lbArn = activeLoadBalancer(context).arn();
      String certificate = listener.https() ? context.issuedCertificate() : null;
      String arn =
          context
              .aws()
              .createListener(
                  lbArn,
                  listener,
                  certificate,
                  context::groupArn,
                  context.tags(SpecHash.of(context.spec(), listener)));
      context.listenerCreated(listener.port(), arn);
      context.report("+ created listener " + listener.protocol() + ":" + listener.port());
      if (!listener.certificates().isEmpty()) {
        syncCertificates(context, arn, listener);
      }
    } else if (change instanceof Change.UpdateListener update) {
      Listener listener = update.listener();
      boolean certificatesOnly =
          update.fields().stream().allMatch(f -> f.name().equals("certificates"));
      if (update.fields().stream().anyMatch(f -> f.name().equals("certificates"))) {
        syncCertificates(context, update.arn(), listener);
      }
      if (!certificatesOnly) {
        String certificate = listener.https() ? context.issuedCertificate() : null;
        context.aws().modifyListener(update.arn(), listener, certificate, context::groupArn);
        if (!listener.certificates().isEmpty()) {
          // AWS keeps SNI certificates through ModifyListener; moto drops them: check again.
          syncCertificates(context, update.arn(), listener);
        }
      }
      context.report("~ updated listener " + listener.protocol() + ":" + listener.port());
    } else if (change instanceof Change.DeleteListener delete) {
      context.aws().deleteListener(delete.arn());
      context.report("- deleted listener " + delete.protocol() + ":" + delete.port());
    } else {
      throw new AssertionError(change);
    }
  }

  /** A load balancer found still provisioning (an earlier run stopped) is waited for too. */
  private static LoadBalancerState activeLoadBalancer(StepContext context) {
    LoadBalancerState state = context.loadBalancer();
    if (!"active".equals(state.state())) {
      context.loadBalancer(awaitActive(context, state.arn()));
    }
    return context.loadBalancer();
  }

  private static LoadBalancerState awaitActive(StepContext context, String arn) {
    LoadBalancerState state =
        context
            .poller()
            .until(
                "load balancer " + context.spec().loadBalancer().name() + " to become active",
                context.waitTimeout(),
                () -> context.aws().loadBalancer(arn),
                s -> !"provisioning".equals(s.state()),
                LoadBalancerState::state,
                "AWS usually needs a few minutes (one that stays provisioning may lack subnets"
                    + " routed to an internet gateway), so run the same elbctl command again; it"
                    + " continues where this run stopped");
    if (!"active".equals(state.state())) {
      throw new io.elbctl.ElbctlException(
          io.elbctl.ExitCode.ERROR,
          "load balancer " + state.name() + " is " + state.state() + ", not active");
    }
    return state;
  }

  /** Serves exactly the listener's extra certificates by SNI, each once ACM has issued it. */
  private static void syncCertificates(StepContext context, String arn, Listener listener) {
    List<String> wanted = new ArrayList<>();
    for (io.elbctl.spec.Certificate extra : listener.certificates()) {
      wanted.add(context.issuedCertificate(extra));
    }
    for (String change : context.aws().syncListenerCertificates(arn, wanted)) {
      context.report("  " + change + " on listener " + listener.protocol() + ":" + listener.port());
    }
    // Tells the next plan to read the listener's certificates even once the spec lists none.
    context.aws().addTags(arn, Map.of(Ownership.SNI_TAG, String.valueOf(wanted.size())));
  }
}
