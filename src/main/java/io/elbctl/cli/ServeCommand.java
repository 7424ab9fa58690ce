package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.serve.AccessLogWriter;
import io.elbctl.serve.Binding;
import io.elbctl.serve.LocalAlb;
import io.elbctl.serve.LocalTargets;
import io.elbctl.serve.ServeConfig;
import io.elbctl.serve.ServerCertificate;
import io.elbctl.sim.Router;
import io.elbctl.sim.Semantics;
import io.elbctl.spec.Listener;
import io.elbctl.spec.Spec;
import io.elbctl.spec.Target;
import io.elbctl.spec.TargetGroup;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code elbctl serve}: runs the spec's listeners on this machine in front of local apps. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Run the spec's load balancer on this machine: each listener on a local port, every request",
      "routed exactly as 'simulate' decides, forwarded to local apps with the headers an ALB adds,",
      "health-checked as the spec says. Ctrl-C stops it after in-flight requests finish."
    })
public final class ServeCommand implements Callable<Integer> {
  @picocli.CommandLine.Spec CommandSpec command;
  @Mixin SpecOptions specOptions;

  @Option(
      names = "--listen",
      paramLabel = "PORT=LOCAL",
      split = ",",
      description =
          "Local port of a listener, e.g. 443=8443,80=8000 (the default; other listeners keep"
              + " their port when it is 1024 or above, else get 8000 + port; 0 picks a free port).")
  List<String> listen = new ArrayList<>();

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Local address the listeners bind (default: ${DEFAULT-VALUE}).")
  String bind = "127.0.0.1";

  @Option(
      names = "--target",
      paramLabel = "GROUP=URL",
      description =
          "A local target of a group, e.g. backend=http://127.0.0.1:8080 (repeatable; several for"
              + " one group take turns). Default: the spec's targets that are addresses of this"
              + " machine.")
  List<String> targets = new ArrayList<>();

  @Option(
      names = "--health-interval",
      paramLabel = "SECONDS",
      description =
          "Seconds between health checks of a target, to see state changes sooner than the"
              + " spec's intervalSeconds (timeouts and thresholds stay as the spec says).")
  Double healthInterval;

  @Option(
      names = "--target-timeout",
      paramLabel = "SECONDS",
      description =
          "Seconds a target may take to answer before the client gets 504 (default: the load"
              + " balancer's idleTimeoutSeconds).")
  Double targetTimeout;

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE",
      description =
          "PEM certificate chain for HTTPS listeners (default: a self-signed one made for"
              + " localhost and the spec's names).")
  Path tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE",
      description = "Unencrypted PKCS#8 PEM private key (BEGIN PRIVATE KEY) for --tls-cert.")
  Path tlsKey;

  @Option(
      names = "--access-log",
      paramLabel = "FILE",
      description =
          "Append an ALB-format access log to FILE ('-' for standard output; status messages then"
              + " go to standard error).")
  String accessLog;

  @Option(
      names = "--grace",
      paramLabel = "SECONDS",
      description = "Seconds in-flight requests may take to finish on stop (default: 5).")
  double grace = 5;

  @Mixin SemanticsOptions semanticsOptions;

  @Override
  public Integer call() {
    PrintWriter err = command.commandLine().getErr();
    Spec spec = specOptions.load(null, err);
    Semantics semantics = semanticsOptions.semantics();
    SimulateCommand.compile(spec, semantics);
    PrintWriter out = command.commandLine().getOut();
    boolean logToStdout = "-".equals(accessLog);
    PrintWriter events = logToStdout ? err : out;

    LocalTargets.Result local = LocalTargets.apply(spec, targets);
    List<Binding> bindings = bindings(spec);
    SSLContext tls = tls(spec);
    Duration interval = seconds(healthInterval, "--health-interval", 0.05, 300);
    Duration timeout =
        targetTimeout == null
            ? Duration.ofSeconds(spec.loadBalancer().idleTimeoutSeconds())
            : seconds(targetTimeout, "--target-timeout", 0.01, 4000);
    Duration graceTime = seconds(grace, "--grace", 0, 3600);
    AccessLogWriter log = accessLog(spec, out);
    ServeConfig config =
        new ServeConfig(
            local.spec(),
            semantics,
            bind,
            bindings,
            tls,
            interval,
            timeout,
            Duration.ofSeconds(10),
            graceTime,
            log);
    LocalAlb alb;
    try {
      alb = LocalAlb.bind(config, events::println);
    } catch (RuntimeException e) {
      if (log != null) {
        log.close();
      }
      throw e;
    }
    banner(events, spec, local, alb);
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
      new CountDownLatch(1).await();
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

  private List<Binding> bindings(Spec spec) {
    Map<Integer, Integer> chosen = new LinkedHashMap<>();
    for (String item : listen) {
      int equals = item.indexOf('=');
      try {
        if (equals <= 0) {
          throw new NumberFormatException();
        }
        int port = Integer.parseInt(item.substring(0, equals).trim());
        int local = Integer.parseInt(item.substring(equals + 1).trim());
        if (local < 0 || local > 65535) {
          throw new NumberFormatException();
        }
        chosen.put(port, local);
      } catch (NumberFormatException e) {
        throw new ElbctlException(
            ExitCode.USAGE,
            "--listen '" + item + "' must be LISTENER_PORT=LOCAL_PORT, e.g. 443=8443");
      }
    }
    Set<Integer> specPorts = new LinkedHashSet<>();
    for (Listener listener : spec.loadBalancer().listeners()) {
      specPorts.add(listener.port());
    }
    for (Integer port : chosen.keySet()) {
      if (!specPorts.contains(port)) {
        throw new ElbctlException(
            ExitCode.USAGE,
            "--listen names port " + port + ", but the spec's listeners are on " + specPorts);
      }
    }
    List<Binding> bindings = new ArrayList<>();
    for (int port : specPorts) {
      Integer local = chosen.get(port);
      if (local == null) {
        local = port == 443 ? 8443 : port == 80 ? 8000 : port >= 1024 ? port : 8000 + port;
      }
      bindings.add(new Binding(port, local));
    }
    return bindings;
  }

  private SSLContext tls(Spec spec) {
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new ElbctlException(ExitCode.USAGE, "--tls-cert and --tls-key go together");
    }
    boolean https = spec.loadBalancer().listeners().stream().anyMatch(Listener::https);
    if (!https) {
      return null;
    }
    if (tlsCert != null) {
      return ServerCertificate.fromPem(tlsCert, tlsKey);
    }
    return ServerCertificate.selfSigned(names(spec));
  }

  private static List<String> names(Spec spec) {
    Set<String> names = new LinkedHashSet<>();
    if (spec.certificate() != null) {
      names.addAll(spec.certificate().allNames());
    }
    if (spec.domain() != null) {
      names.addAll(spec.domain().records());
    }
    return List.copyOf(names);
  }

  private static Duration seconds(Double value, String flag, double min, double max) {
    if (value == null) {
      return null;
    }
    if (value.isNaN() || value < min || value > max) {
      throw new ElbctlException(
          ExitCode.USAGE,
          flag + " must be between " + trim(min) + " and " + trim(max) + " seconds");
    }
    return Duration.ofNanos((long) (value * 1e9));
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  private AccessLogWriter accessLog(Spec spec, PrintWriter out) {
    if (accessLog == null) {
      return null;
    }
    String name = spec.loadBalancer().name();
    if (accessLog.equals("-")) {
      return new AccessLogWriter(out, false, name, spec.region());
    }
    try {
      Writer writer =
          Files.newBufferedWriter(
              Path.of(accessLog),
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE,
              StandardOpenOption.APPEND);
      return new AccessLogWriter(writer, true, name, spec.region());
    } catch (IOException | RuntimeException e) {
      throw new ElbctlException(
          ExitCode.ERROR, "cannot write the access log " + accessLog + ": " + e.getMessage() + ".");
    }
  }

  private void banner(PrintWriter events, Spec spec, LocalTargets.Result local, LocalAlb alb) {
    events.println("serving " + spec.loadBalancer().name() + " on this machine:");
    Router router = alb.router();
    String host = bind.equals("127.0.0.1") || bind.equals("0.0.0.0") ? "localhost" : bind;
    for (var listener : router.listeners()) {
      int port = alb.localPort(listener.port());
      String scheme = listener.https() ? "https" : "http";
      events.println(
          "  listener "
              + listener.port()
              + " "
              + listener.protocol()
              + " -> "
              + scheme
              + "://"
              + host
              + ":"
              + port
              + "/");
    }
    for (TargetGroup group : local.spec().targetGroups()) {
      List<String> where = new ArrayList<>();
      String scheme = "HTTPS".equalsIgnoreCase(group.protocol()) ? "https" : "http";
      for (Target target : group.targets()) {
        where.add(scheme + "://" + target.id() + ":" + group.portOf(target));
      }
      events.println(
          "  target group "
              + group.name()
              + ": "
              + (where.isEmpty() ? "no local targets" : String.join(", ", where)));
    }
    for (String note : local.notes()) {
      events.println("note: " + note);
    }
    if (tlsCert == null && spec.loadBalancer().listeners().stream().anyMatch(Listener::https)) {
      events.println(
          "  TLS: a self-signed certificate for localhost and "
              + String.join(", ", names(spec))
              + " (browsers warn; curl needs -k)");
    }
    events.println("Ctrl-C stops.");
    events.flush();
  }
}
