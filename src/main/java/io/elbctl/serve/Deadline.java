package io.elbctl.serve;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A timeout that is moved on every request without a timer task per move: arming only records when
 * it is due, and the one scheduled task, when it fires early, schedules itself for what is left.
 * Re-arming a timer per request (head, idle, target silence) would otherwise put two timer tasks
 * into the event loop's queue and take them out again for every request. Used on one event loop.
 */
final class Deadline {
  private final EventExecutor loop;
  private final Runnable expired;
  private long due;
  private boolean armed;
  private ScheduledFuture<?> task;
  private long taskDue;

  Deadline(EventExecutor loop, Runnable expired) {
    this.loop = loop;
    this.expired = expired;
  }

  /** Runs the action {@code millis} from now unless armed again or disarmed before. */
  void arm(long millis) {
    due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    armed = true;
    if (task != null && taskDue - due > 0) {
      // The pending task would fire too late for the nearer deadline.
      task.cancel(false);
      task = null;
    }
    if (task == null) {
      schedule(due);
    }
  }

  /** Nothing runs until armed again; the pending task, if any, finds nothing to do. */
  void disarm() {
    armed = false;
  }

  /** Disarms and drops the pending task, for a connection that is gone. */
  void stop() {
    armed = false;
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  private void schedule(long at) {
    taskDue = at;
    task = loop.schedule(this::fire, Math.max(0, at - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void fire() {
    task = null;
    if (!armed) {
      return;
    }
    if (System.nanoTime() - due < 0) {
      schedule(due);
      return;
    }
    armed = false;
    expired.run();
  }
}
