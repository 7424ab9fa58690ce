package io.elbctl.cli;

import io.elbctl.serve.LocalAlb;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps {@code elbctl serve} running until the JVM is asked to stop (Ctrl-C, SIGTERM), then lets
 * requests in flight finish before it exits.
 */
final class UntilStopped {
  private UntilStopped() {}

  static void run(LocalAlb alb, PrintWriter events) {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              events.println("stopping: finishing requests in flight");
              alb.close();
              events.println("stopped");
              events.flush();
              stopped.countDown();
            },
            "serve-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
        alb.close();
      } catch (IllegalStateException e) {
        // The JVM is stopping and the hook closes the load balancer.
      }
    }
  }
}
