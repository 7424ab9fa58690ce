package io.elbctl.serve;

import io.elbctl.serve.http.DesyncMode;
import io.elbctl.sim.Semantics;
import io.elbctl.spec.Spec;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Everything a {@link LocalAlb} runs with.
 *
 * @param spec the spec with each target group's targets replaced by the local ones
 * @param bindAddress the local address every listener binds, e.g. 127.0.0.1
 * @param bindings one per listener of the spec
 * @param tls the server certificate for HTTPS listeners, or null when the spec has none
 * @param healthInterval the time between health checks of one target, or null for the spec's
 * @param targetTimeout how long a target may take to answer before the client gets a 504
 * @param connectTimeout how long a target may take to accept a connection (the ALB's is 10 s)
 * @param grace how long in-flight requests may run on once a stop is asked for
 * @param accessLog where each request is logged, or null for no log
 * @param desyncMitigationMode what is done with each request by its desync classification
 * @param dropInvalidHeaderFields whether header fields with invalid names are dropped, not
 *     forwarded
 * @param headTimeout how long a client may take to send a whole request head once it started
 * @param maxConnections client connections open at once; more are closed on accept
 * @param transport which of Netty's transports the event loops run on
 */
public record ServeConfig(
    Spec spec,
    Semantics semantics,
    String bindAddress,
    List<Binding> bindings,
    SSLContext tls,
    Duration healthInterval,
    Duration targetTimeout,
    Duration connectTimeout,
    Duration grace,
    AccessLogWriter accessLog,
    DesyncMode desyncMitigationMode,
    boolean dropInvalidHeaderFields,
    Duration headTimeout,
    int maxConnections,
    TransportChoice transport) {
  /** The request-head deadline when none is given. */
  public static final Duration HEAD_TIMEOUT = Duration.ofSeconds(60);

  /** The connection cap when none is given. */
  public static final int MAX_CONNECTIONS = 20_000;

  public ServeConfig {
    bindings = List.copyOf(bindings);
  }
}
