package io.elbctl.aws;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;

/**
 * Route 53 refused a change batch (InvalidChangeBatch): a DELETE whose record is gone or holds
 * other values, or a CREATE of a record that exists, so the zone changed since it was read.
 */
public final class RecordConflictException extends ElbctlException {
  public RecordConflictException(String message, Throwable cause) {
    super(ExitCode.ERROR, message, cause);
  }
}
