package io.elbctl.aws;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.AwsExecutionAttribute;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Records every AWS call made while a {@link Session} is open, as the authorisation requests AWS
 * evaluates for it (see {@link IamRequests}). Loaded by the SDK for every client from {@code
 * software/amazon/awssdk/global/handlers/execution.interceptors} on the test class path, so
 * elbctl's own clients are observed unchanged; it does nothing while no session is open. The tags a
 * resource carries are read from the emulator just before the call, as AWS sees them then.
 */
public final class IamCallRecorder implements ExecutionInterceptor {
  private static final ExecutionAttribute<IamRequests.Before> BEFORE =
      new ExecutionAttribute<>("elbctl.iam.before");
  private static final ThreadLocal<Boolean> LOOKING = ThreadLocal.withInitial(() -> false);
  private static volatile Session active;

  /** Starts recording calls to {@code emulator}; close the session to stop. */
  static Session record(Emulator emulator, String account) {
    Session session = new Session(emulator, account);
    active = session;
    return session;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    Session session = active;
    if (session == null || LOOKING.get()) {
      return;
    }
    String region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION).id();
    attributes.putAttribute(
        BEFORE,
        session.look(
            () ->
                IamRequests.before(
                    attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                    context.request(),
                    session.lookup(region))));
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    done(context.request(), context.response(), attributes);
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    done(context.request(), null, attributes);
  }

  private static void done(
      SdkRequest request, SdkResponse response, ExecutionAttributes attributes) {
    Session session = active;
    IamRequests.Before before = attributes.getAttribute(BEFORE);
    if (session == null || before == null) {
      return;
    }
    String region = attributes.getAttribute(AwsExecutionAttribute.AWS_REGION).id();
    try {
      session.add(IamRequests.of(session.account, region, before, request, response));
    } catch (AssertionError | RuntimeException e) {
      // Thrown here, the SDK would hand it to elbctl as a failed call; the test reports it.
      session.problem(e.getMessage());
    }
  }

  /** One recording: the authorisation requests of every call, labelled by command. */
  static final class Session implements AutoCloseable {
    private final Emulator emulator;
    private final String account;
    private final List<IamRequests.Authorization> calls = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Object> clients = new HashMap<>();
    private String label = "";

    private Session(Emulator emulator, String account) {
      this.emulator = emulator;
      this.account = account;
    }

    /** Labels the calls recorded from now on (the command that makes them). */
    synchronized void label(String label) {
      this.label = label;
    }

    synchronized List<IamRequests.Authorization> calls() {
      if (!problems.isEmpty()) {
        throw new AssertionError("calls the recorder cannot model: " + problems);
      }
      return List.copyOf(calls);
    }

    private synchronized void problem(String message) {
      problems.add(message);
    }

    private synchronized void add(List<IamRequests.Authorization> authorizations) {
      for (IamRequests.Authorization a : authorizations) {
        calls.add(a.labelled(label));
      }
    }

    /** Runs {@code setup} (calls the test makes itself) without recording it. */
    <T> T paused(Supplier<T> setup) {
      return look(setup);
    }

    private <T> T look(Supplier<T> read) {
      LOOKING.set(true);
      try {
        return read.get();
      } finally {
        LOOKING.set(false);
      }
    }

    private synchronized IamRequests.Lookup lookup(String region) {
      return new IamRequests.Lookup(
          client("elb" + region, () -> build(ElasticLoadBalancingV2Client.builder(), region)),
          client("ec2" + region, () -> build(Ec2Client.builder(), region)),
          client("acm" + region, () -> build(AcmClient.builder(), region)),
          client("iam", () -> build(IamClient.builder(), "aws-global")));
    }

    @SuppressWarnings("unchecked")
    private <T> T client(String key, Supplier<T> build) {
      return (T) clients.computeIfAbsent(key, k -> build.get());
    }

    private <B extends software.amazon.awssdk.awscore.client.builder.AwsClientBuilder<B, C>, C>
        C build(B builder, String region) {
      return builder
          .region(Region.of(region))
          .endpointOverride(URI.create(emulator.endpoint()))
          .credentialsProvider(
              StaticCredentialsProvider.create(
                  AwsBasicCredentials.create(emulator.accessKey(), "testing")))
          .build();
    }

    @Override
    public synchronized void close() {
      active = null;
      for (Object client : clients.values()) {
        ((software.amazon.awssdk.core.SdkClient) client).close();
      }
    }
  }
}
