package io.elbctl.aws;

import io.elbctl.Secrets;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The one place AWS clients are built: one HTTP client, the standard credential chain (or a
 * profile), the spec's region (Route 53 in the global region), an optional endpoint override, the
 * call-counting interceptor and the standard retry strategy that announces its retries.
 */
public final class AwsClients implements AutoCloseable {
  private final SdkHttpClient http;
  private final CallStats stats;
  private final AwsCredentialsProvider credentials;
  private final AwsSettings settings;
  private final List<ExecutionInterceptor> interceptors;
  private ElasticLoadBalancingV2Client elb;
  private Ec2Client ec2;
  private AcmClient acm;
  private Route53Client route53;
  private IamClient iam;
  private S3Client s3;
  private SecretsManagerClient secretsManager;

  public AwsClients(AwsSettings settings, CallStats stats) {
    this(settings, stats, List.of());
  }

  /**
   * Clients that also run {@code interceptors} on every call, after the call counter; tests use
   * them to inject answers the emulator cannot give.
   */
  public AwsClients(
      AwsSettings settings, CallStats stats, List<ExecutionInterceptor> interceptors) {
    this.settings = settings;
    this.stats = stats;
    this.interceptors = List.copyOf(interceptors);
    this.http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(10))
            .socketTimeout(Duration.ofSeconds(60))
            .build();
    AwsCredentialsProvider chain =
        settings.profile() == null
            ? DefaultCredentialsProvider.builder().build()
            : ProfileCredentialsProvider.builder().profileName(settings.profile()).build();
    // Whatever the chain finds (a profile file, SSO, a role) is masked in all output.
    this.credentials =
        () -> {
          AwsCredentials resolved = chain.resolveCredentials();
          Secrets.add(resolved.accessKeyId());
          Secrets.add(resolved.secretAccessKey());
          if (resolved instanceof AwsSessionCredentials session) {
            Secrets.add(session.sessionToken());
          }
          return resolved;
        };
  }

  public CallStats stats() {
    return stats;
  }

  public AwsSettings settings() {
    return settings;
  }

  synchronized ElasticLoadBalancingV2Client elb() {
    if (elb == null) {
      elb = configure(ElasticLoadBalancingV2Client.builder(), Region.of(settings.region())).build();
    }
    return elb;
  }

  synchronized Ec2Client ec2() {
    if (ec2 == null) {
      ec2 = configure(Ec2Client.builder(), Region.of(settings.region())).build();
    }
    return ec2;
  }

  synchronized AcmClient acm() {
    if (acm == null) {
      acm = configure(AcmClient.builder(), Region.of(settings.region())).build();
    }
    return acm;
  }

  synchronized Route53Client route53() {
    if (route53 == null) {
      // Route 53 is a global service: its endpoint and signing region are aws-global.
      route53 = configure(Route53Client.builder(), Region.AWS_GLOBAL).build();
    }
    return route53;
  }

  synchronized IamClient iam() {
    if (iam == null) {
      // IAM is global like Route 53.
      iam = configure(IamClient.builder(), Region.AWS_GLOBAL).build();
    }
    return iam;
  }

  synchronized S3Client s3() {
    if (s3 == null) {
      s3 =
          configure(S3Client.builder(), Region.of(settings.region()))
              // A log bucket may live in another region than the load balancer's spec says.
              .crossRegionAccessEnabled(true)
              // Emulators answer at one host: bucket.host names do not resolve to them.
              .forcePathStyle(settings.endpointUrl() != null)
              .build();
    }
    return s3;
  }

  synchronized SecretsManagerClient secretsManager() {
    if (secretsManager == null) {
      secretsManager =
          configure(SecretsManagerClient.builder(), Region.of(settings.region())).build();
    }
    return secretsManager;
  }

  private <B extends AwsClientBuilder<B, ?>> B configure(B builder, Region region) {
    ReportingRetryStrategy retries =
        new ReportingRetryStrategy(
            AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(ReportingRetryStrategy.MAX_ATTEMPTS)
                .build(),
            stats);
    builder
        .region(region)
        .credentialsProvider(credentials)
        .overrideConfiguration(
            withInterceptors(
                    ClientOverrideConfiguration.builder()
                        .retryStrategy(retries)
                        .addExecutionInterceptor(new CallCountingInterceptor(stats))
                        .addExecutionInterceptor(retries.interceptor()))
                .build());
    if (settings.endpointUrl() != null) {
      builder.endpointOverride(URI.create(settings.endpointUrl()));
    }
    if (builder
        instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
      sync.httpClient(http);
    }
    return builder;
  }

  private ClientOverrideConfiguration.Builder withInterceptors(
      ClientOverrideConfiguration.Builder builder) {
    interceptors.forEach(builder::addExecutionInterceptor);
    return builder;
  }

  @Override
  public synchronized void close() {
    for (AutoCloseable client :
        new AutoCloseable[] {elb, ec2, acm, route53, iam, s3, secretsManager}) {
      if (client != null) {
        try {
          client.close();
        } catch (Exception e) {
          // Closing is best effort: the process is ending anyway.
        }
      }
    }
    http.close();
  }
}
