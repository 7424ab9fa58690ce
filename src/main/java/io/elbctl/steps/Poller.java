package io.elbctl.steps;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.aws.CallStats;
import io.elbctl.aws.NotFoundException;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one way elbctl waits for AWS: polls with an interval that grows by a quarter each time up to
 * a ceiling, reports progress, counts the polls apart from the budgeted calls, and ends with exit
 * code 5 when the timeout passes.
 */
public final class Poller {
  /** Sleeps; replaced in tests. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Duration initial;
  private final Duration ceiling;
  private final Sleeper sleeper;
  private final CallStats stats;
  private final Progress progress;

  public Poller(
      Duration initial, Duration ceiling, Sleeper sleeper, CallStats stats, Progress progress) {
    this.initial = initial;
    this.ceiling = ceiling;
    this.sleeper = sleeper;
    this.stats = stats;
    this.progress = progress;
  }

  /**
   * Real sleeps: 1 s at first, growing by a quarter, at most 10 s between polls. An interval is
   * then a quarter of the time waited so far plus a second, so a wait ends at most that long (and
   * never more than 10 s) after the awaited state is reached.
   */
  public static Poller standard(CallStats stats, Progress progress) {
    return new Poller(
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        d -> Thread.sleep(d.toMillis()),
        stats,
        progress);
  }

  /**
   * Polls {@code probe} until {@code done} holds; {@code status} names what was seen and {@code
   * hint} ends the timeout message (one sentence) with what to check and what to run next. A probe
   * that AWS answers with NotFound polls on: a resource created moments ago is not yet visible to
   * every AWS endpoint.
   */
  public <T> T until(
      String what,
      Duration timeout,
      Supplier<T> probe,
      Predicate<T> done,
      Function<T, String> status,
      String hint) {
    long start = System.nanoTime();
    Duration interval = initial;
    while (true) {
      T seen;
      stats.polling(true);
      try {
        seen = probe.get();
      } catch (NotFoundException e) {
        seen = null;
      } finally {
        stats.polling(false);
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      String said = seen == null ? "not found yet" : status.apply(seen);
      if (seen != null && done.test(seen)) {
        if (!elapsed.isZero() && elapsed.compareTo(Duration.ofMillis(1)) > 0) {
          progress.waited(what, elapsed);
        }
        return seen;
      }
      progress.waiting(what, elapsed, said);
      if (elapsed.plus(interval).compareTo(timeout) > 0) {
        throw new ElbctlException(
            ExitCode.TIMEOUT,
            "timed out after "
                + format(timeout)
                + " waiting for "
                + what
                + " (last status: "
                + said
                + "); "
                + hint
                + (hint.endsWith(".") ? "" : "."));
      }
      try {
        sleeper.sleep(interval);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ElbctlException(ExitCode.TIMEOUT, "interrupted while waiting for " + what);
      }
      stats.addWait(interval);
      long next = Math.min(ceiling.toMillis(), interval.toMillis() * 5 / 4);
      interval = Duration.ofMillis(Math.max(next, interval.toMillis()));
    }
  }

  /** "1m 05s", "42s". */
  public static String format(Duration duration) {
    long seconds = duration.toSeconds();
    return seconds >= 60
        ? (seconds / 60) + "m " + String.format("%02ds", seconds % 60)
        : seconds + "s";
  }
}
