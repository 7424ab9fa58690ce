package io.elbctl.aws;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;

/**
 * AWS refused a deletion because something still uses the resource (ResourceInUse,
 * DependencyViolation); destroy waits and retries instead of failing.
 */
public final class StillInUseException extends ElbctlException {
  public StillInUseException(String message, Throwable cause) {
    super(ExitCode.ERROR, message, cause);
  }
}
