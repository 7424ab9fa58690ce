package io.elbctl.aws;

import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * The SDK's standard retry strategy (exponential backoff with jitter, a longer base delay for
 * throttling) that tells the user about every retry, so a throttled run never looks hung.
 */
final class ReportingRetryStrategy implements RetryStrategy {
  /**
   * Attempts per call: throttling on a busy account often needs several, and each retry is
   * announced on stderr.
   */
  static final int MAX_ATTEMPTS = 10;

  private final RetryStrategy delegate;
  private final CallStats stats;
  // Sync clients run every attempt of a call on the caller's thread.
  private final ThreadLocal<String> operation = new ThreadLocal<>();
  private final ThreadLocal<Integer> attempt = new ThreadLocal<>();

  ReportingRetryStrategy(RetryStrategy delegate, CallStats stats) {
    this.delegate = delegate;
    this.stats = stats;
  }

  /** Notes which operation the next retries belong to. */
  ExecutionInterceptor interceptor() {
    return new ExecutionInterceptor() {
      @Override
      public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        operation.set(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
        attempt.set(1);
      }
    };
  }

  @Override
  public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest request) {
    return delegate.acquireInitialToken(request);
  }

  @Override
  public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest request) {
    // Throws TokenAcquisitionFailedException when the delegate gives up: nothing to announce.
    RefreshRetryTokenResponse response = delegate.refreshRetryToken(request);
    int next = (attempt.get() == null ? 1 : attempt.get()) + 1;
    attempt.set(next);
    String op = operation.get() == null ? "a call" : operation.get();
    stats.retrying(
        reason(op, request.failure())
            + "; retrying (attempt "
            + next
            + " of "
            + delegate.maxAttempts()
            + ") in "
            + seconds(response.delay()));
    return response;
  }

  static String reason(String operation, Throwable failure) {
    if (failure instanceof AwsServiceException aws) {
      String code = aws.awsErrorDetails() == null ? null : aws.awsErrorDetails().errorCode();
      if (aws.isThrottlingException()) {
        return "AWS throttled " + operation + (code == null ? "" : " (" + code + ")");
      }
      return "AWS failed "
          + operation
          + " (HTTP "
          + aws.statusCode()
          + (code == null ? "" : " " + code)
          + ")";
    }
    String message =
        failure instanceof SdkException && failure.getCause() != null
            ? failure.getCause().toString()
            : String.valueOf(failure.getMessage());
    int newline = message.indexOf('\n');
    return "AWS call "
        + operation
        + " did not complete ("
        + (newline < 0 ? message : message.substring(0, newline))
        + ")";
  }

  private static String seconds(Duration delay) {
    return String.format(java.util.Locale.ROOT, "%.1fs", delay.toMillis() / 1000.0);
  }

  @Override
  public RecordSuccessResponse recordSuccess(RecordSuccessRequest request) {
    return delegate.recordSuccess(request);
  }

  @Override
  public int maxAttempts() {
    return delegate.maxAttempts();
  }

  @Override
  public boolean useClientDefaults() {
    // The delegate is complete already; the client must not rebuild it (and drop the reporting).
    return false;
  }

  @Override
  public Builder<?, ?> toBuilder() {
    return delegate.toBuilder();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
