package io.elbctl;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests on a condition, never on a fixed time. */
public final class Await {
  private Await() {}

  /** Returns once {@code condition} holds; fails naming {@code what} after 30 seconds. */
  public static void until(BooleanSupplier condition, String what) {
    until(Duration.ofSeconds(30), condition, what);
  }

  /** Returns once {@code condition} holds; fails naming {@code what} after {@code limit}. */
  public static void until(Duration limit, BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for: " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted waiting for: " + what);
      }
    }
  }
}
