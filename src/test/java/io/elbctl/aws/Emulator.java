package io.elbctl.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * An AWS API emulator for the integration tests: {@code moto_server} started on a free loopback
 * port (the default), or LocalStack through Testcontainers when {@code
 * -Delbctl.emulator=localstack} (or ELBCTL_EMULATOR=localstack) and Docker is available.
 */
public abstract class Emulator implements AutoCloseable {
  /** Seconds moto keeps a certificate PENDING_VALIDATION; short so the suite stays fast. */
  static final int ACM_VALIDATION_WAIT_SECONDS = 2;

  private static final AtomicLong ACCOUNT = new AtomicLong(100000000000L);

  String accessKey = "testing";

  public abstract String endpoint();

  /** Gives the next test an empty account. */
  public abstract void reset();

  @Override
  public abstract void close();

  public String accessKey() {
    return accessKey;
  }

  static Emulator start() {
    String chosen = System.getProperty("elbctl.emulator", System.getenv("ELBCTL_EMULATOR"));
    if ("localstack".equalsIgnoreCase(chosen)) {
      return new LocalStack();
    }
    return new Moto();
  }

  public Route53Client route53() {
    return Route53Client.builder()
        .region(Region.AWS_GLOBAL)
        .endpointOverride(URI.create(endpoint()))
        .credentialsProvider(credentials())
        .build();
  }

  public ElasticLoadBalancingV2Client elb(String region) {
    return ElasticLoadBalancingV2Client.builder()
        .region(Region.of(region))
        .endpointOverride(URI.create(endpoint()))
        .credentialsProvider(credentials())
        .build();
  }

  public AcmClient acm(String region) {
    return AcmClient.builder()
        .region(Region.of(region))
        .endpointOverride(URI.create(endpoint()))
        .credentialsProvider(credentials())
        .build();
  }

  private StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, "testing"));
  }

  /** Creates a public hosted zone; returns its id without the "/hostedzone/" prefix. */
  public String createHostedZone(String name) {
    try (Route53Client route53 = route53()) {
      String id =
          route53
              .createHostedZone(r -> r.name(name).callerReference("test-" + System.nanoTime()))
              .hostedZone()
              .id();
      return AwsGateway.bareZoneId(id);
    }
  }

  /** moto_server as a child process; state wiped with POST /moto-api/reset. */
  static final class Moto extends Emulator {
    private static final Pattern RUNNING =
        Pattern.compile("Running on http://127\\.0\\.0\\.1:(\\d+)");
    private final Process process;
    private final String endpoint;

    Moto() {
      this(ACM_VALIDATION_WAIT_SECONDS);
    }

    Moto(int acmValidationWaitSeconds) {
      ProcessBuilder builder = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", "0");
      builder.environment().put("MOTO_ACM_VALIDATION_WAIT", "" + acmValidationWaitSeconds);
      builder.redirectErrorStream(true);
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new IllegalStateException(
            "moto_server is not on PATH; the AWS integration tests need it: pip install"
                + " \"moto[server]==5.2.1\" (or run with -Delbctl.emulator=localstack and Docker)",
            e);
      }
      CompletableFuture<String> port = new CompletableFuture<>();
      Thread drain =
          new Thread(
              () -> {
                // moto logs one line per request: keep reading so the pipe never fills up.
                try (BufferedReader lines =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = lines.readLine()) != null) {
                    Matcher m = RUNNING.matcher(line);
                    if (m.find()) {
                      port.complete(m.group(1));
                    }
                  }
                } catch (IOException e) {
                  port.completeExceptionally(e);
                }
                port.completeExceptionally(new IllegalStateException("moto_server exited"));
              },
              "moto-output");
      drain.setDaemon(true);
      drain.start();
      try {
        // A minute: on a loaded machine (CI, parallel builds) moto takes far longer than usual.
        endpoint = "http://127.0.0.1:" + port.get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        process.destroy();
        throw new IllegalStateException("moto_server did not start: " + e.getMessage(), e);
      }
    }

    @Override
    public String endpoint() {
      return endpoint;
    }

    @Override
    public void reset() {
      try {
        HttpResponse<String> response =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(endpoint + "/moto-api/reset"))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
          throw new IllegalStateException("moto reset answered " + response.statusCode());
        }
      } catch (IOException e) {
        throw new IllegalStateException("moto reset failed", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      process.destroy();
    }
  }

  /**
   * LocalStack in Docker; each test gets its own account, because LocalStack takes a 12-digit
   * access key id as the account id.
   */
  static final class LocalStack extends Emulator {
    private final LocalStackContainer container;

    LocalStack() {
      container = new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4"));
      container.start();
    }

    @Override
    public String endpoint() {
      return container.getEndpoint().toString();
    }

    @Override
    public void reset() {
      accessKey = Long.toString(ACCOUNT.incrementAndGet());
    }

    @Override
    public void close() {
      container.stop();
    }
  }
}
