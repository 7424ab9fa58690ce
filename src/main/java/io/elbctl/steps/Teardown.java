package io.elbctl.steps;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.aws.RecordConflictException;
import io.elbctl.aws.StillInUseException;
import io.elbctl.plan.Change;
import io.elbctl.plan.Destroyer.DestroyPlan;
import io.elbctl.plan.Inventory.RecordSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a destroy plan in its order; every "in use" answer from AWS (a target group a deleted
 * listener still holds, a security group whose network interfaces are being released, a certificate
 * ACM still sees on a listener) becomes a bounded wait that says what it waits for.
 */
public final class Teardown {
  /** The longest elbctl waits for AWS to release one resource, within --wait-timeout. */
  static final Duration IN_USE_WAIT = Duration.ofMinutes(15);

  private Teardown() {}

  public static void run(DestroyPlan plan, StepContext context) {
    List<RecordSet> aliases = new ArrayList<>();
    List<String> aliasNames = new ArrayList<>();
    for (Change change : plan.changes()) {
      if (change instanceof Change.DeleteAlias alias) {
        aliases.add(alias.record());
        aliasNames.add(alias.resource());
        if (alias.marker() != null) {
          aliases.add(alias.marker());
        }
      }
    }
    if (!aliases.isEmpty()) {
      String changeId = deleteRecords(context, aliases);
      aliasNames.forEach(n -> context.report("- deleted " + n));
      context.awaitInsync(changeId);
    }
    for (Change change : plan.changes()) {
      if (change instanceof Change.DeleteAlias) {
        continue;
      }
      if (change instanceof Change.DeleteRule rule) {
        context.aws().deleteRule(rule.arn());
      } else if (change instanceof Change.DeleteListener listener) {
        context.aws().deleteListener(listener.arn());
      } else if (change instanceof Change.DeleteLoadBalancer lb) {
        context.aws().deleteLoadBalancer(lb.arn());
        context
            .poller()
            .until(
                "load balancer " + lb.name() + " to be deleted",
                context.waitTimeout(),
                () -> context.aws().loadBalancerExists(lb.arn()),
                exists -> !exists,
                exists -> exists ? "still listed" : "gone",
                "run elbctl destroy again; it continues where this run stopped");
      } else if (change instanceof Change.DeleteSecurityGroup group) {
        deleteWhenReleased(
            context,
            change.resource(),
            "the deleted load balancer's network interfaces still use it; AWS releases them"
                + " within minutes",
            () -> context.aws().deleteSecurityGroup(group.id()));
      } else if (change instanceof Change.DeleteTargetGroup group) {
        deleteWhenReleased(
            context,
            change.resource(),
            "a listener or rule still forwards to it; the load balancer's deletion is still"
                + " reaching every node",
            () -> context.aws().deleteTargetGroup(group.arn()));
      } else if (change instanceof Change.DeleteCertificate certificate) {
        deleteWhenReleased(
            context,
            change.resource(),
            "ACM still counts the deleted HTTPS listener as a user; it notices within minutes",
            () -> context.aws().deleteCertificate(certificate.arn()));
      } else if (change instanceof Change.DeleteValidationRecords records) {
        context.awaitInsync(deleteRecords(context, records.records()));
      } else {
        throw new AssertionError(change);
      }
      context.report("- deleted " + change.resource());
    }
  }

  /**
   * DELETEs records exactly as this run read them. Route 53 refuses the whole batch when one of
   * them is gone or holds other values by now; only a fresh read can tell what is left to delete.
   */
  private static String deleteRecords(StepContext context, List<RecordSet> records) {
    try {
      return context.aws().deleteRecords(context.zoneId(), records);
    } catch (RecordConflictException e) {
      throw new ElbctlException(
          ExitCode.ERROR,
          withoutPeriod(e.getMessage())
              + "; someone else changed or deleted these records after this run read them, and"
              + " Route 53 deleted none of them: run elbctl destroy again, it reads them anew.",
          e);
    }
  }

  /** Deletes now, or retries with backoff while AWS answers "in use", up to a bound. */
  private static void deleteWhenReleased(
      StepContext context, String resource, String why, Runnable delete) {
    try {
      delete.run();
      return;
    } catch (StillInUseException e) {
      context.report("= " + resource + " is still in use: " + why + "; waiting");
    }
    Duration bound =
        context.waitTimeout().compareTo(IN_USE_WAIT) < 0 ? context.waitTimeout() : IN_USE_WAIT;
    String[] last = {"in use"};
    context
        .poller()
        .until(
            resource + " to be released (" + why + ")",
            bound,
            () -> {
              try {
                delete.run();
                return true;
              } catch (StillInUseException e) {
                last[0] = withoutPeriod(e.getMessage());
                return false;
              }
            },
            deleted -> deleted,
            deleted -> deleted ? "deleted" : last[0],
            "run elbctl destroy again; it continues where this run stopped (if it stays in use,"
                + " find what still uses it in the AWS console and remove that first)");
  }

  /** An AWS refusal, one sentence, without its period, to be embedded in another sentence. */
  private static String withoutPeriod(String sentence) {
    return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
  }
}
