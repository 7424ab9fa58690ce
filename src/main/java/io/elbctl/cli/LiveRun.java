package io.elbctl.cli;

import io.elbctl.live.LiveAlb;
import io.elbctl.plan.Plan;
import io.elbctl.spec.Spec;
import io.elbctl.steps.Resolver;
import java.io.PrintWriter;

/**
 * One run of a command that reads a live load balancer ({@code status}, {@code simulate --live}):
 * named by {@code --load-balancer}, else by the spec, which then also gives a plan to compare.
 */
final class LiveRun implements AutoCloseable {
  final Spec spec;
  final AwsSession session;
  private final LiveOptions live;
  private final RootCommand root;

  private LiveRun(Spec spec, AwsSession session, LiveOptions live, RootCommand root) {
    this.spec = spec;
    this.session = session;
    this.live = live;
    this.root = root;
  }

  /** Loads the spec unless only {@code --load-balancer} is given, and opens the session. */
  static LiveRun open(
      SpecOptions specOptions,
      boolean specGiven,
      LiveOptions live,
      AwsOptions aws,
      RootCommand root,
      PrintWriter err) {
    Spec spec = live.given() && !specGiven ? null : specOptions.loadQuietly(null, err);
    AwsSession session =
        spec == null ? new AwsSession(aws, root.env()) : new AwsSession(spec, aws, root.env());
    return new LiveRun(spec, session, live, root);
  }

  /** The live load balancer, read with read-only calls. */
  LiveAlb read() {
    if (live.given() || spec == null) {
      return live.read(session);
    }
    String zone = live.hostedZone != null ? live.hostedZone : spec.domain().hostedZone();
    return session.gateway.live(spec.loadBalancer().name(), zone);
  }

  /** What apply would change, or null without a spec. */
  Plan plan() {
    return spec == null ? null : session.plan().plan();
  }

  Resolver resolver() {
    return session.resolver(root.env());
  }

  @Override
  public void close() {
    session.close();
  }
}
