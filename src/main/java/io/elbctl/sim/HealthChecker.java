package io.elbctl.sim;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the ALB's active health checks for as long as it is open: every subject is probed at once
 * and then every interval (its group's, or a shorter one given for local use), and each outcome is
 * fed into a {@link HealthModel}, whose listeners see every state change. A check never overlaps
 * the previous check of the same target: one slower than a shortened interval delays the next.
 */
public final class HealthChecker implements AutoCloseable {
  private final ScheduledExecutorService scheduler;
  private final long startNanos = System.nanoTime();

  private HealthChecker(HealthModel model, List<ProbeRun.Subject> subjects, Duration interval) {
    this.scheduler =
        Executors.newScheduledThreadPool(
            Math.max(1, Math.min(8, subjects.size())),
            r -> {
              Thread thread = new Thread(r, "health-check");
              thread.setDaemon(true);
              return thread;
            });
    for (ProbeRun.Subject subject : subjects) {
      HealthSettings settings = model.settings(subject.group());
      Duration every = interval != null ? interval : settings.interval();
      Duration timeout = settings.timeout();
      scheduler.scheduleAtFixedRate(
          () -> {
            ProbeOutcome outcome = HealthProber.probe(subject.sendTo(), timeout);
            if (!scheduler.isShutdown()) {
              model.record(
                  subject.group(),
                  subject.target(),
                  outcome,
                  Duration.ofNanos(System.nanoTime() - startNanos));
            }
          },
          0,
          every.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Starts checking.
   *
   * @param interval the time between checks of one target, or null for each group's interval
   */
  public static HealthChecker start(
      HealthModel model, List<ProbeRun.Subject> subjects, Duration interval) {
    return new HealthChecker(model, subjects, interval);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
