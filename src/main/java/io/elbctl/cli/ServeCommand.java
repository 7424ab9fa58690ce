package io.elbctl.cli;

import io.elbctl.ExitCode;
import io.elbctl.serve.AccessLogWriter;
import io.elbctl.serve.Bindings;
import io.elbctl.serve.LocalAlb;
import io.elbctl.serve.LocalTargets;
import io.elbctl.serve.ServeBanner;
import io.elbctl.serve.ServeConfig;
import io.elbctl.serve.ServerCertificate;
import io.elbctl.spec.Spec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/** {@code elbctl serve}: runs the spec's listeners on this machine in front of local apps. */
@Command(
    name = "serve",
    description = {
      "Run the spec's load balancer on this machine: each listener on a local port, every request",
      "classified and routed as an ALB does, forwarded to local apps with the headers an ALB adds,",
      "health-checked as the spec says. Ctrl-C stops it after in-flight requests finish."
    })
public final class ServeCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec command;
  @Mixin SpecOptions specOptions;
  @Mixin ServeOptions o;
  @Mixin SemanticsOptions semanticsOptions;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    Spec spec = specOptions.load(null, err);
    SimulationSetup.compile(spec, semanticsOptions.semantics());
    PrintWriter out = command.commandLine().getOut();
    PrintWriter events = "-".equals(o.accessLog) ? err : out;
    LocalTargets.Result local = LocalTargets.apply(spec, o.targets);
    Duration hour = Duration.ofHours(1);
    ServeConfig config =
        new ServeConfig(
            local.spec(),
            semanticsOptions.semantics(),
            o.bind,
            Bindings.forSpec(spec, o.listen),
            ServerCertificate.forSpec(spec, o.tlsCert, o.tlsKey),
            ServeOptions.within(o.healthInterval, "--health-interval", Duration.ofMillis(50), hour),
            o.targetTimeout == null
                ? Duration.ofSeconds(spec.loadBalancer().idleTimeoutSeconds())
                : ServeOptions.within(
                    o.targetTimeout, "--target-timeout", Duration.ofMillis(10), hour),
            Duration.ofSeconds(10),
            ServeOptions.within(o.grace, "--grace", Duration.ZERO, hour),
            o.accessLog == null
                ? null
                : AccessLogWriter.open(o.accessLog, out, spec.loadBalancer().name(), spec.region()),
            o.mode(spec.loadBalancer()),
            o.dropInvalidHeaderFields(spec.loadBalancer()),
            ServeConfig.HEAD_TIMEOUT,
            o.maxConnections);
    LocalAlb alb = LocalAlb.bind(config, events::println);
    ServeBanner.lines(spec, local, alb, o.bind, o.tlsCert == null).forEach(events::println);
    events.flush();
    alb.checkHealth();
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
    return ExitCode.OK.code;
  }
}
