package io.elbctl.serve;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.sim.CompiledListener;
import io.elbctl.sim.HealthChecker;
import io.elbctl.sim.HealthModel;
import io.elbctl.sim.HealthProber;
import io.elbctl.sim.HealthSettings;
import io.elbctl.sim.ProbeRun;
import io.elbctl.sim.Router;
import io.elbctl.sim.StateChange;
import io.elbctl.sim.TargetPicker;
import io.elbctl.sim.TargetRef;
import io.elbctl.spec.TargetGroup;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.net.ssl.SSLServerSocket;

/**
 * The spec's load balancer running on this machine: one local port per listener, each request
 * routed by the simulator's {@link Router} exactly as {@code simulate} decides, forwarded to the
 * local targets chosen by {@link TargetPicker} with health from {@link HealthChecker}s. One thread
 * serves each client connection with blocking sockets; targets are reached over kept-alive
 * connections.
 */
public final class LocalAlb implements AutoCloseable {
  private static final int MAX_CONNECTIONS = 4096;

  final ServeConfig config;
  final Router router;
  final HealthModel health;
  final TargetPicker picker = new TargetPicker();
  final UpstreamPool upstreams;
  final Map<String, Boolean> httpsGroups = new HashMap<>();
  final Map<Integer, Integer> localPorts = new LinkedHashMap<>();
  final int idleTimeoutMillis;
  final int targetTimeoutMillis;
  final AccessLogWriter accessLog;
  private final Consumer<String> events;
  private final List<ServerSocket> servers = new ArrayList<>();
  private final ThreadPoolExecutor workers;
  final Set<ClientConnection> connections = ConcurrentHashMap.newKeySet();
  private HealthChecker checker;
  volatile boolean stopping;
  private boolean closed;

  private LocalAlb(ServeConfig config, Consumer<String> events) {
    this.config = config;
    this.events = events;
    this.router = Router.compile(config.spec(), config.semantics());
    this.health = HealthModel.registered(config.spec(), config.semantics());
    this.upstreams = new UpstreamPool(millis(config.connectTimeout()));
    this.idleTimeoutMillis =
        (int)
            Math.min(Integer.MAX_VALUE, config.spec().loadBalancer().idleTimeoutSeconds() * 1000L);
    this.targetTimeoutMillis = millis(config.targetTimeout());
    this.accessLog = config.accessLog();
    for (TargetGroup group : config.spec().targetGroups()) {
      httpsGroups.put(group.name(), "HTTPS".equalsIgnoreCase(group.protocol()));
    }
    AtomicInteger count = new AtomicInteger();
    this.workers =
        new ThreadPoolExecutor(
            0,
            MAX_CONNECTIONS,
            30,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            r -> {
              Thread thread = new Thread(r, "serve-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  private static int millis(Duration duration) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
  }

  /**
   * Binds every listener and starts health checks; {@code events} receives each health state change
   * as one line.
   *
   * @throws ElbctlException with exit code 1 when a port cannot be bound
   */
  public static LocalAlb start(ServeConfig config, Consumer<String> events) {
    LocalAlb alb = bind(config, events);
    alb.checkHealth();
    return alb;
  }

  /**
   * Binds every listener and serves at once, with every target {@code initial} (so routing fails
   * open) until {@link #checkHealth} starts the checks.
   *
   * @throws ElbctlException with exit code 1 when a port cannot be bound
   */
  public static LocalAlb bind(ServeConfig config, Consumer<String> events) {
    LocalAlb alb = new LocalAlb(config, events);
    try {
      alb.bind();
    } catch (RuntimeException e) {
      alb.close();
      throw e;
    }
    return alb;
  }

  /** Starts the active health checks; each state change goes to the events. */
  public synchronized void checkHealth() {
    if (checker != null || closed) {
      return;
    }
    health.addListener(change -> events.accept(describe(change)));
    checker = HealthChecker.start(health, subjects(), config.healthInterval());
  }

  private void bind() {
    InetAddress address;
    try {
      address = InetAddress.getByName(config.bindAddress());
    } catch (IOException e) {
      throw new ElbctlException(
          ExitCode.USAGE, "--bind '" + config.bindAddress() + "' is not a local address");
    }
    for (Binding binding : config.bindings()) {
      CompiledListener listener =
          router
              .listener(binding.listenerPort())
              .orElseThrow(
                  () ->
                      new ElbctlException(
                          ExitCode.USAGE,
                          "--listen names port "
                              + binding.listenerPort()
                              + ", but the spec has no listener there"));
      ServerSocket server;
      try {
        if (listener.https()) {
          SSLServerSocket secure =
              (SSLServerSocket) config.tls().getServerSocketFactory().createServerSocket();
          secure.setUseClientMode(false);
          server = secure;
        } else {
          server = new ServerSocket();
        }
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(address, binding.localPort()), 1024);
      } catch (BindException e) {
        throw new ElbctlException(
            ExitCode.ERROR,
            "cannot listen on "
                + config.bindAddress()
                + ":"
                + binding.localPort()
                + " for the "
                + binding.listenerPort()
                + " listener: the port is taken or not allowed (choose another with --listen "
                + binding.listenerPort()
                + "=PORT).");
      } catch (IOException e) {
        throw new ElbctlException(
            ExitCode.ERROR,
            "cannot listen on port " + binding.localPort() + ": " + e.getMessage() + ".");
      }
      servers.add(server);
      localPorts.put(listener.port(), server.getLocalPort());
      Thread acceptor = new Thread(() -> accept(server, listener), "accept-" + listener.port());
      acceptor.setDaemon(true);
      acceptor.start();
    }
  }

  private List<ProbeRun.Subject> subjects() {
    List<ProbeRun.Subject> subjects = new ArrayList<>();
    for (String group : HealthModel.groupsInUse(config.spec())) {
      HealthSettings settings = health.settings(group);
      boolean https = "HTTPS".equalsIgnoreCase(settings.protocol());
      for (TargetRef target : health.targets(group)) {
        subjects.add(
            new ProbeRun.Subject(
                group,
                target,
                new HealthProber.ProbeTarget(
                    target.id(), settings.portFor(target), settings.path(), https)));
      }
    }
    return subjects;
  }

  static String describe(StateChange change) {
    StringBuilder line =
        new StringBuilder("health: ")
            .append(change.group())
            .append(' ')
            .append(change.target().key())
            .append(' ')
            .append(change.from())
            .append(" -> ")
            .append(change.to());
    if (change.reason() != null) {
      line.append(" (").append(change.reason());
      if (change.description() != null) {
        line.append(": ").append(change.description());
      }
      line.append(')');
    }
    return line.toString();
  }

  private void accept(ServerSocket server, CompiledListener listener) {
    int localPort = server.getLocalPort();
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (server.isClosed()) {
          return;
        }
        continue;
      }
      try {
        socket.setTcpNoDelay(true);
        workers.execute(new ClientConnection(this, socket, listener, localPort));
      } catch (SocketException | java.util.concurrent.RejectedExecutionException e) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // The client is turned away either way.
        }
      }
    }
  }

  /** The local port of the spec's listener on {@code listenerPort}. */
  public int localPort(int listenerPort) {
    Integer port = localPorts.get(listenerPort);
    if (port == null) {
      throw new IllegalArgumentException("no listener on port " + listenerPort);
    }
    return port;
  }

  /** Listener port to local port, in the order they were bound. */
  public Map<Integer, Integer> localPorts() {
    return Map.copyOf(localPorts);
  }

  /** The live health of every target, as the health checks found it. */
  public HealthModel health() {
    return health;
  }

  public Router router() {
    return router;
  }

  /**
   * Stops accepting, lets in-flight requests finish within the grace period, then closes every
   * connection and the health checks.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopping = true;
    for (ServerSocket server : servers) {
      try {
        server.close();
      } catch (IOException e) {
        // Closing is all that is asked of it.
      }
    }
    for (ClientConnection connection : connections) {
      connection.closeIfIdle();
    }
    workers.shutdown();
    try {
      workers.awaitTermination(config.grace().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ClientConnection connection : connections) {
      connection.close();
    }
    workers.shutdownNow();
    if (checker != null) {
      checker.close();
    }
    upstreams.close();
    if (accessLog != null) {
      accessLog.close();
    }
  }
}
