package io.elbctl.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Counts every SDK call (once per call, not per retry) into a {@link CallStats}. */
final class CallCountingInterceptor implements ExecutionInterceptor {
  private final CallStats stats;

  CallCountingInterceptor(CallStats stats) {
    this.stats = stats;
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    stats.record(
        attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
        attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
  }

  @Override
  public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
    stats.failed(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
  }
}
