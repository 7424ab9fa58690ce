package io.elbctl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.serve.http.DesyncMode;
import io.elbctl.spec.SpecReader;
import io.elbctl.spec.SpecResult;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A local load balancer with one HTTP listener on a free port whose every request goes to one
 * {@link RawTarget}, in a given desync mitigation mode, with its access log in memory. No health
 * checks run, so the target is always routed to.
 */
final class ServeFixture implements AutoCloseable {
  static final String SPEC =
      """
      {
        "apiVersion": "elbctl/v1", "name": "raw", "region": "eu-west-1",
        "domain": { "hostedZone": "example.com", "records": ["example.com"] },
        "targetGroups": [ { "name": "app", "port": 3000, "targets": [ { "id": "i-0123456789abcdef0" } ] } ],
        "loadBalancer": { "name": "raw-alb", "idleTimeoutSeconds": 60, "listeners": [
          { "port": 80, "protocol": "HTTP", "defaultAction": { "type": "forward", "targetGroup": "app" },
            "rules": [ { "priority": 1, "conditions": { "pathPatterns": ["/fixed"] },
              "action": { "type": "fixed-response", "statusCode": "200", "contentType": "text/plain",
                "messageBody": "fixed" } } ] } ] }
      }
      """;

  final RawTarget target;
  final StringWriter log = new StringWriter();
  final LocalAlb alb;
  final int port;

  ServeFixture(DesyncMode mode, boolean dropInvalid, Duration headTimeout, Duration targetTimeout)
      throws IOException {
    this(mode, dropInvalid, headTimeout, targetTimeout, TransportChoice.AUTO);
  }

  ServeFixture(
      DesyncMode mode,
      boolean dropInvalid,
      Duration headTimeout,
      Duration targetTimeout,
      TransportChoice transport)
      throws IOException {
    target = new RawTarget();
    SpecResult parsed = SpecReader.parse(SPEC);
    assertThat(parsed.errors()).isEmpty();
    LocalTargets.Result local = LocalTargets.apply(parsed.spec(), List.of("app=" + target.url()));
    ServeConfig config =
        TestConfig.of(local.spec(), 80)
            .targetTimeout(targetTimeout)
            .accessLog(new AccessLogWriter(log, false, "raw-alb", "eu-west-1"))
            .mode(mode)
            .dropInvalid(dropInvalid)
            .headTimeout(headTimeout)
            .transport(transport)
            .build();
    alb = LocalAlb.bind(config, event -> {});
    port = alb.localPort(80);
  }

  ServeFixture(DesyncMode mode) throws IOException {
    this(mode, false, Duration.ofSeconds(60), Duration.ofSeconds(5));
  }

  ServeFixture(DesyncMode mode, TransportChoice transport) throws IOException {
    this(mode, false, Duration.ofSeconds(60), Duration.ofSeconds(5), transport);
  }

  RawClient client() throws IOException {
    return new RawClient(port);
  }

  /** The access-log lines written so far, waiting until there are at least {@code count}. */
  List<String> logLines(int count) {
    LocalAlbTest.await(() -> lines().size() >= count, count + " access-log lines in:\n" + log);
    return lines();
  }

  private List<String> lines() {
    synchronized (log) {
      String text = log.toString();
      return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
  }

  @Override
  public void close() throws IOException {
    alb.close();
    target.close();
  }
}
