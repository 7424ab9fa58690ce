package io.elbctl.serve;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.serve.http.DesyncMode;
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
import io.elbctl.sim.TargetState;
import io.elbctl.spec.TargetGroup;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The spec's load balancer running on this machine: one local port per listener, each request
 * routed by the simulator's {@link Router} exactly as {@code simulate} decides, forwarded to the
 * local targets chosen by {@link TargetPicker} with health from {@link HealthChecker}s. Connections
 * run on Netty's event loops; HTTP/1.x request heads are judged on their raw bytes by {@link
 * RequestGate}, HTTPS listeners speak HTTP/2 to clients that offer it.
 */
public final class LocalAlb implements AutoCloseable {
  final ServeConfig config;
  final Router router;
  final HealthModel health;
  final TargetPicker picker;
  final Draining draining = new Draining(this);
  final Map<String, Boolean> httpsGroups = new HashMap<>();
  final Map<Integer, Integer> localPorts = new LinkedHashMap<>();
  final long idleTimeoutMillis;
  final long headTimeoutMillis;
  final long targetTimeoutMillis;
  final DesyncMode mode;
  final boolean dropInvalidHeaderFields;
  final AccessLogWriter accessLog;
  final Transport transport;
  final TargetConnections targets;
  private final Consumer<String> events;
  private final List<Channel> servers = new ArrayList<>();
  private final Set<Http1Client> clients = ConcurrentHashMap.newKeySet();
  private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
  private final AtomicInteger open = new AtomicInteger();
  private final ClientPipeline pipeline;
  private HealthChecker checker;
  volatile boolean stopping;
  private boolean closed;

  private LocalAlb(ServeConfig config, Consumer<String> events) {
    this.config = config;
    this.events = events;
    this.router = Router.compile(config.spec(), config.semantics());
    this.health = HealthModel.registered(config.spec(), config.semantics());
    this.picker = new TargetPicker(config.spec());
    health.addListener(this::routingChange);
    this.idleTimeoutMillis = config.spec().loadBalancer().idleTimeoutSeconds() * 1000L;
    this.headTimeoutMillis = Math.min(idleTimeoutMillis, config.headTimeout().toMillis());
    this.targetTimeoutMillis = Math.max(1, config.targetTimeout().toMillis());
    this.mode = config.desyncMitigationMode();
    this.dropInvalidHeaderFields = config.dropInvalidHeaderFields();
    this.accessLog = config.accessLog();
    for (TargetGroup group : config.spec().targetGroups()) {
      httpsGroups.put(group.name(), "HTTPS".equalsIgnoreCase(group.protocol()));
    }
    this.transport = Transport.create(config.transport());
    this.targets =
        new TargetConnections(
            transport, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
    this.pipeline = new ClientPipeline(this, config.tls());
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

  /** Keeps slow start and draining in step with a target's health. */
  private void routingChange(StateChange change) {
    if (change.to() == TargetState.healthy) {
      boolean others =
          health.targets(change.group()).stream()
              .anyMatch(
                  t ->
                      !t.equals(change.target())
                          && health.state(change.group(), t) == TargetState.healthy);
      picker.becameHealthy(change.group(), change.target(), others);
    } else if (change.from() == TargetState.healthy) {
      picker.leftHealthy(change.group(), change.target());
    }
    if (change.to() == TargetState.unhealthy) {
      draining.unhealthy(change.group(), change.target());
    }
  }

  /**
   * Deregisters a target at run time: it drains for its group's deregistration delay (requests in
   * flight finish, no new ones), then its remaining connections are closed.
   */
  public void deregister(String group, TargetRef target) {
    health.targets(group).stream()
        .filter(target::equals)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "target group '" + group + "' has no target " + target));
    draining.deregister(group, target);
  }

  /** Registers a target of the spec again; it is health-checked from {@code initial}. */
  public void register(String group, TargetRef target) {
    draining.register(group, target);
  }

  /** Requests in flight to a target, as least_outstanding_requests counts them. */
  public int outstanding(String group, TargetRef target) {
    return picker.outstanding(group, target);
  }

  /** Which transport the event loops use: {@code io_uring}, {@code epoll} or {@code nio}. */
  public String transport() {
    return transport.name;
  }

  private void bind() {
    InetAddress address;
    try {
      address = InetAddress.getByName(config.bindAddress());
    } catch (UnknownHostException e) {
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
      io.netty.channel.ChannelFuture bound =
          new ServerBootstrap()
              .group(transport.loops)
              .channel(transport.serverChannel)
              .option(ChannelOption.SO_BACKLOG, 4096)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childHandler(accept(listener))
              .bind(new InetSocketAddress(address, binding.localPort()))
              .awaitUninterruptibly();
      if (!bound.isSuccess()) {
        Throwable cause = bound.cause();
        if (cause instanceof BindException
            || String.valueOf(cause.getMessage()).contains("Address already in use")) {
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
        }
        throw new ElbctlException(
            ExitCode.ERROR,
            "cannot listen on port " + binding.localPort() + ": " + cause.getMessage() + ".");
      }
      Channel server = bound.channel();
      servers.add(server);
      localPorts.put(listener.port(), ((InetSocketAddress) server.localAddress()).getPort());
    }
  }

  private ChannelInitializer<SocketChannel> accept(CompiledListener listener) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(SocketChannel channel) {
        if (stopping || open.incrementAndGet() > config.maxConnections()) {
          if (!stopping) {
            open.decrementAndGet();
          }
          channel.close();
          return;
        }
        connections.add(channel);
        channel
            .closeFuture()
            .addListener(
                f -> {
                  connections.remove(channel);
                  open.decrementAndGet();
                });
        int localPort = channel.localAddress().getPort();
        pipeline.init(channel, new Dispatch(LocalAlb.this, listener, localPort));
      }
    };
  }

  void opened(Http1Client client) {
    clients.add(client);
  }

  void closed(Http1Client client) {
    clients.remove(client);
  }

  /** How many client connections are open. */
  public int openConnections() {
    return connections.size();
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

  /**
   * A redirect Location that names one of the spec's listeners on the request's own host, rewritten
   * to that listener's local port, so {@code http://localhost:8000} → {@code
   * https://localhost:8443}.
   */
  String localLocation(String location, String requestHostName) {
    int schemeEnd = location.indexOf("://");
    if (schemeEnd <= 0) {
      return location;
    }
    String locationScheme = location.substring(0, schemeEnd);
    int authorityStart = schemeEnd + 3;
    int pathStart = authorityStart;
    while (pathStart < location.length()
        && location.charAt(pathStart) != '/'
        && location.charAt(pathStart) != '?') {
      pathStart++;
    }
    String authority = location.substring(authorityStart, pathStart);
    int colon = Dispatch.portColon(authority);
    String hostName = colon >= 0 ? authority.substring(0, colon) : authority;
    int port;
    try {
      port =
          colon >= 0
              ? Integer.parseInt(authority.substring(colon + 1))
              : locationScheme.equalsIgnoreCase("https") ? 443 : 80;
    } catch (NumberFormatException e) {
      return location;
    }
    Integer local = localPorts.get(port);
    boolean sameHost =
        requestHostName == null
            ? isLoopbackName(hostName)
            : hostName.equalsIgnoreCase(requestHostName) || isLoopbackName(hostName);
    if (local == null || !sameHost) {
      return location;
    }
    return locationScheme + "://" + hostName + ":" + local + location.substring(pathStart);
  }

  private static boolean isLoopbackName(String host) {
    return host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("[::1]");
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
    for (Channel server : servers) {
      server.close().syncUninterruptibly();
    }
    for (Http1Client client : clients) {
      client.closeIfIdle();
    }
    long deadline = System.nanoTime() + config.grace().toNanos();
    while (!connections.isEmpty() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Channel channel : connections) {
      channel.close();
    }
    transport.loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    if (checker != null) {
      checker.close();
    }
    if (accessLog != null) {
      accessLog.close();
    }
  }
}
