package io.elbctl.aws;

import java.util.ArrayList;
import java.util.List;

/**
 * Two moto servers shared by the reliability suites, started on first use and stopped when the test
 * JVM exits; every scenario runs in its own account ({@link Sandbox}), so they never need a reset.
 * Two, because moto serves one request at a time per process and the machine has two cores.
 */
final class MotoPool {
  static final int SIZE = 2;

  /** Seconds a certificate stays PENDING_VALIDATION: short, as hundreds of applies wait for it. */
  static final int ACM_VALIDATION_WAIT_SECONDS = 1;

  private static List<Emulator.Moto> servers;

  private MotoPool() {}

  /** The endpoint of server {@code i} (modulo the pool size). */
  static synchronized String endpoint(int i) {
    if (servers == null) {
      // Assigned only once all started: a server that failed to start fails the next test too.
      List<Emulator.Moto> started = new ArrayList<>();
      for (int n = 0; n < SIZE; n++) {
        started.add(new Emulator.Moto(ACM_VALIDATION_WAIT_SECONDS));
      }
      servers = started;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> started.forEach(Emulator.Moto::close), "moto-stop"));
      // The SDK's default chain reads these first: never real credentials in tests.
      System.setProperty("aws.accessKeyId", "testing");
      System.setProperty("aws.secretAccessKey", "testing");
    }
    return servers.get(Math.floorMod(i, SIZE)).endpoint();
  }
}
