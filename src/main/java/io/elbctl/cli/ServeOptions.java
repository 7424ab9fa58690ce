package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.serve.AccessLogWriter;
import io.elbctl.serve.Bindings;
import io.elbctl.serve.ServeConfig;
import io.elbctl.serve.ServerCertificate;
import io.elbctl.serve.TransportChoice;
import io.elbctl.serve.http.DesyncMode;
import io.elbctl.sim.Semantics;
import io.elbctl.spec.LoadBalancer;
import io.elbctl.spec.Spec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The flags of {@code elbctl serve}. */
public final class ServeOptions {
  @Option(
      names = "--listen",
      paramLabel = "PORT=LOCAL",
      split = ",",
      description =
          "Local port of a listener, e.g. 443=8443,80=8000 (the default; other listeners keep"
              + " their port when it is 1024 or above, else get 8000 + port; 0 picks a free port).")
  Map<Integer, Integer> listen = new LinkedHashMap<>();

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
      names = "--targets-file",
      paramLabel = "FILE",
      description =
          "More GROUP=URL targets, one a line, watched while serving: a target whose line is"
              + " removed drains for its group's deregistrationDelaySeconds, one put back is"
              + " registered again.")
  Path targetsFile;

  @Option(
      names = "--health-interval",
      paramLabel = "DURATION",
      converter = SecondsConverter.class,
      description =
          "Time between health checks of a target, to see state changes sooner than the spec's"
              + " intervalSeconds (timeouts and thresholds stay as the spec says).")
  Duration healthInterval;

  @Option(
      names = "--target-timeout",
      paramLabel = "DURATION",
      converter = SecondsConverter.class,
      description =
          "Time a target may stay silent before the client gets 504 (default: the load"
              + " balancer's idleTimeoutSeconds).")
  Duration targetTimeout;

  @ArgGroup(exclusive = false, multiplicity = "0..1")
  Tls tls;

  /** {@code --tls-cert} and {@code --tls-key}: both or neither. */
  static final class Tls {
    @Option(
        names = "--tls-cert",
        required = true,
        paramLabel = "FILE",
        description =
            "PEM certificate chain for HTTPS listeners (default: a self-signed one made for"
                + " localhost and the spec's names).")
    Path cert;

    @Option(
        names = "--tls-key",
        required = true,
        paramLabel = "FILE",
        description = "Unencrypted PKCS#8 PEM private key (BEGIN PRIVATE KEY) for --tls-cert.")
    Path key;
  }

  @Option(
      names = "--access-log",
      paramLabel = "FILE",
      description =
          "Append an ALB-format access log to FILE ('-' for standard output; status messages then"
              + " go to standard error).")
  String accessLog;

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      converter = SecondsConverter.class,
      description = "Time in-flight requests may take to finish on stop (default: 5s).")
  Duration grace = Duration.ofSeconds(5);

  @Option(
      names = "--desync-mitigation-mode",
      paramLabel = "MODE",
      converter = ModeConverter.class,
      description =
          "What is done with requests by their desync classification, as the ALB's"
              + " routing.http.desync_mitigation_mode: monitor, defensive or strictest (default:"
              + " the spec's loadBalancer.desyncMitigationMode).")
  DesyncMode mode;

  @Option(
      names = "--drop-invalid-header-fields",
      negatable = true,
      description =
          "Drop header fields whose names are not letters, digits and hyphens before forwarding,"
              + " as routing.http.drop_invalid_header_fields.enabled does (default: the spec's"
              + " loadBalancer.dropInvalidHeaderFields).")
  Boolean dropInvalidHeaderFields;

  @Option(
      names = "--max-connections",
      paramLabel = "N",
      description = "Client connections open at once; more are closed at once (default: 20000).")
  int maxConnections = ServeConfig.MAX_CONNECTIONS;

  @Option(
      names = "--transport",
      paramLabel = "NAME",
      converter = TransportConverter.class,
      description =
          "Event loops on io_uring, epoll or nio (default: auto, the first of these that loads"
              + " on this machine).")
  TransportChoice transport = TransportChoice.AUTO;

  /** The local load balancer these flags ask for; access-log lines to stdout go to {@code out}. */
  ServeConfig config(Spec spec, Spec local, Semantics semantics, PrintWriter out) {
    Duration hour = Duration.ofHours(1);
    return new ServeConfig(
        local,
        semantics,
        bind,
        Bindings.forSpec(spec, listen),
        ServerCertificate.forSpec(
            spec, tls == null ? null : tls.cert, tls == null ? null : tls.key),
        within(healthInterval, "--health-interval", Duration.ofMillis(50), hour),
        targetTimeout == null
            ? Duration.ofSeconds(spec.loadBalancer().idleTimeoutSeconds())
            : within(targetTimeout, "--target-timeout", Duration.ofMillis(10), hour),
        Duration.ofSeconds(10),
        within(grace, "--grace", Duration.ZERO, hour),
        accessLog == null
            ? null
            : AccessLogWriter.open(accessLog, out, spec.loadBalancer().name(), spec.region()),
        mode(spec.loadBalancer()),
        dropInvalidHeaderFields(spec.loadBalancer()),
        ServeConfig.HEAD_TIMEOUT,
        maxConnections,
        transport);
  }

  /** The desync mitigation mode: the flag's, else the spec's. */
  DesyncMode mode(LoadBalancer loadBalancer) {
    return mode != null
        ? mode
        : DesyncMode.fromJsonName(loadBalancer.desyncMitigationMode()).orElse(DesyncMode.DEFAULT);
  }

  /** Whether invalid header fields are dropped: the flag's choice, else the spec's. */
  boolean dropInvalidHeaderFields(LoadBalancer loadBalancer) {
    return dropInvalidHeaderFields != null
        ? dropInvalidHeaderFields
        : loadBalancer.dropInvalidHeaderFields();
  }

  /** {@code value} when it is within the range, else a usage error naming the flag. */
  static Duration within(Duration value, String flag, Duration min, Duration max) {
    if (value != null && (value.compareTo(min) < 0 || value.compareTo(max) > 0)) {
      throw new ElbctlException(
          ExitCode.USAGE,
          flag + " must be between " + seconds(min) + " and " + seconds(max) + " seconds");
    }
    return value;
  }

  private static String seconds(Duration d) {
    double s = d.toNanos() / 1e9;
    return s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s);
  }

  /** Reads a desync mitigation mode by the name the ALB attribute uses. */
  static final class ModeConverter implements ITypeConverter<DesyncMode> {
    @Override
    public DesyncMode convert(String value) {
      return DesyncMode.fromJsonName(value)
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "expected monitor, defensive or strictest, got '" + value + "'"));
    }
  }

  /** Reads a transport by the name {@code --transport} takes. */
  static final class TransportConverter implements ITypeConverter<TransportChoice> {
    @Override
    public TransportChoice convert(String value) {
      return TransportChoice.fromCliName(value)
          .orElseThrow(
              () ->
                  new TypeConversionException(
                      "expected auto, io_uring, epoll or nio, got '" + value + "'"));
    }
  }
}
