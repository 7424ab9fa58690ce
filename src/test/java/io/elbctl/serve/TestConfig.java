package io.elbctl.serve;

import io.elbctl.serve.http.DesyncMode;
import io.elbctl.sim.Semantics;
import io.elbctl.spec.Spec;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A {@link ServeConfig} for tests: the spec's listeners on loopback, with the values a test does
 * not set left at the ones most tests want (a 5 s target timeout, 2 s to connect and to stop, no
 * access log, the default desync mode, {@link ServeConfig}'s head deadline and connection cap, the
 * best transport).
 */
final class TestConfig {
  private final Spec spec;
  private final List<Binding> bindings;
  private SSLContext tls;
  private Duration healthInterval;
  private Duration targetTimeout = Duration.ofSeconds(5);
  private Duration connectTimeout = Duration.ofSeconds(2);
  private Duration grace = Duration.ofSeconds(2);
  private AccessLogWriter accessLog;
  private DesyncMode mode = DesyncMode.DEFAULT;
  private boolean dropInvalid;
  private Duration headTimeout = ServeConfig.HEAD_TIMEOUT;
  private TransportChoice transport = TransportChoice.AUTO;

  private TestConfig(Spec spec, List<Binding> bindings) {
    this.spec = spec;
    this.bindings = bindings;
  }

  /** The spec's listeners, each bound to a free loopback port as {@code ports} name them. */
  static TestConfig of(Spec spec, int... ports) {
    List<Binding> bindings =
        java.util.Arrays.stream(ports).mapToObj(p -> new Binding(p, 0)).toList();
    return new TestConfig(spec, bindings);
  }

  TestConfig tls(SSLContext tls) {
    this.tls = tls;
    return this;
  }

  TestConfig healthInterval(Duration interval) {
    this.healthInterval = interval;
    return this;
  }

  TestConfig targetTimeout(Duration timeout) {
    this.targetTimeout = timeout;
    return this;
  }

  TestConfig grace(Duration grace) {
    this.grace = grace;
    return this;
  }

  TestConfig accessLog(AccessLogWriter log) {
    this.accessLog = log;
    return this;
  }

  TestConfig mode(DesyncMode mode) {
    this.mode = mode;
    return this;
  }

  TestConfig dropInvalid(boolean drop) {
    this.dropInvalid = drop;
    return this;
  }

  TestConfig headTimeout(Duration timeout) {
    this.headTimeout = timeout;
    return this;
  }

  TestConfig transport(TransportChoice transport) {
    this.transport = transport;
    return this;
  }

  ServeConfig build() {
    return new ServeConfig(
        spec,
        Semantics.DEFAULT,
        "127.0.0.1",
        bindings,
        tls,
        healthInterval,
        targetTimeout,
        connectTimeout,
        grace,
        accessLog,
        mode,
        dropInvalid,
        headTimeout,
        ServeConfig.MAX_CONNECTIONS,
        transport);
  }
}
