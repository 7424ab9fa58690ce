package io.elbctl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code elbctl serve} as a real child process stopped by a signal: a request in flight finishes
 * when it can within {@code --grace}, and the process exits once the grace period is over even when
 * a request cannot finish.
 */
class StopTest {
  @TempDir Path dir;

  @Test
  void sigterm_letsTheRequestInFlightFinish_thenExits() throws Exception {
    run("TERM", true);
  }

  @Test
  void sigint_exitsAfterTheGracePeriod_whenARequestCannotFinish() throws Exception {
    run("INT", false);
  }

  private void run(String signal, boolean release) throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch answer = new CountDownLatch(1);
    try (FakeApp app =
        new FakeApp("app")
            .on(
                "/slow",
                exchange -> {
                  arrived.countDown();
                  try {
                    answer.await(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  FakeApp.send(exchange, 200, "finished");
                })) {
      int port;
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      Path spec = dir.resolve("spec.json");
      Files.writeString(spec, ServeFixture.SPEC);
      Process serve =
          new ProcessBuilder(
                  // A process started in the background by a shell without job control (as a CI
                  // runner may start the build) inherits SIGINT ignored, and the JVM then installs
                  // no handler for it; a terminal's Ctrl-C reaches a process whose SIGINT has its
                  // default action, so the child gets that default back before the JVM starts.
                  "python3",
                  "-c",
                  "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL);"
                      + " os.execv(sys.argv[1], sys.argv[1:])",
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  "io.elbctl.cli.Main",
                  "serve",
                  "-f",
                  spec.toString(),
                  "--listen",
                  "80=" + port,
                  "--target",
                  "app=" + app.url(),
                  "--grace",
                  "2s")
              .redirectErrorStream(true)
              .start();
      List<String> output = new CopyOnWriteArrayList<>();
      CountDownLatch ready = new CountDownLatch(1);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    if (line.equals("Ctrl-C stops.")) {
                      ready.countDown();
                    }
                  }
                } catch (java.io.IOException e) {
                  // The process ended.
                }
              });
      reader.setDaemon(true);
      reader.start();
      try {
        assertThat(ready.await(60, TimeUnit.SECONDS)).as("started: %s", output).isTrue();
        CompletableFuture<HttpResponse<String>> pending =
            HttpClient.newHttpClient()
                .sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slow"))
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(arrived.await(20, TimeUnit.SECONDS)).isTrue();
        long signalled = System.nanoTime();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(serve.pid())).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        LocalAlbTest.await(
            () -> output.contains("stopping: finishing requests in flight"), "the stop begins");
        if (release) {
          answer.countDown();
          HttpResponse<String> response = pending.get(20, TimeUnit.SECONDS);
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.body()).isEqualTo("finished");
        }
        assertThat(serve.waitFor(20, TimeUnit.SECONDS)).as("exited: %s", output).isTrue();
        assertThat(output).contains("stopped");
        if (!release) {
          assertThat((System.nanoTime() - signalled) / 1e9)
              .as("exits once the 2 s grace is over")
              .isGreaterThanOrEqualTo(1.9);
          assertThat(pending).failsWithin(10, TimeUnit.SECONDS);
        }
      } finally {
        answer.countDown();
        serve.destroyForcibly();
      }
    }
  }
}
