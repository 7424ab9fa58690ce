package io.elbctl.aws;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;

/**
 * AWS did not find a resource a call named (ResourceNotFoundException, LoadBalancerNotFound,
 * TargetGroupNotFound, InvalidGroup.NotFound). Right after the resource was created this is AWS's
 * eventual consistency, so waits poll on instead of failing.
 */
public final class NotFoundException extends ElbctlException {
  public NotFoundException(String message, Throwable cause) {
    super(ExitCode.ERROR, message, cause);
  }
}
