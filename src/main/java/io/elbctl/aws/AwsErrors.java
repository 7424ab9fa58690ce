package io.elbctl.aws;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns every AWS SDK failure into one sentence that names the operation and the AWS error code.
 */
final class AwsErrors {
  /** Error codes that mean "something still uses this resource": worth a bounded wait. */
  private static final Set<String> IN_USE_CODES =
      Set.of("ResourceInUse", "ResourceInUseException", "DependencyViolation");

  /** Error codes that mean "no such resource", which AWS also says of one created just now. */
  private static final Set<String> NOT_FOUND_CODES =
      Set.of(
          "ResourceNotFoundException",
          "LoadBalancerNotFound",
          "TargetGroupNotFound",
          "InvalidGroup.NotFound");

  private final AwsClients clients;

  AwsErrors(AwsClients clients) {
    this.clients = clients;
  }

  void run(Runnable action) {
    call(
        () -> {
          action.run();
          return null;
        });
  }

  <T> T call(Supplier<T> action) {
    try {
      return action.get();
    } catch (AwsServiceException e) {
      String operation = clients.stats().lastFailedOperation();
      String code = errorCode(e);
      String message =
          e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
              ? e.awsErrorDetails().errorMessage()
              : e.getMessage();
      String sentence =
          "AWS refused "
              + (operation == null ? "a call" : operation)
              + ": "
              + stripPeriod(message)
              + " ("
              + (code == null ? "HTTP " + e.statusCode() : code)
              + ").";
      if (code != null && IN_USE_CODES.contains(code)) {
        throw new StillInUseException(sentence, e);
      }
      if ("InvalidChangeBatch".equals(code)) {
        throw new RecordConflictException(sentence, e);
      }
      if (code != null && NOT_FOUND_CODES.contains(code)) {
        throw new NotFoundException(sentence, e);
      }
      throw new ElbctlException(ExitCode.ERROR, sentence, e);
    } catch (SdkClientException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (message.contains("credentials")) {
        throw new ElbctlException(
            ExitCode.ERROR,
            "no AWS credentials found: use --profile NAME, set AWS_PROFILE, or set"
                + " AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.",
            e);
      }
      throw new ElbctlException(
          ExitCode.ERROR,
          "cannot reach AWS"
              + (clients.settings().endpointUrl() == null
                  ? ""
                  : " at " + clients.settings().endpointUrl())
              + ": "
              + stripPeriod(firstLine(message))
              + ".",
          e);
    } catch (SdkException e) {
      throw new ElbctlException(ExitCode.ERROR, "AWS call failed: " + firstLine(e.getMessage()), e);
    }
  }

  /** The AWS error code of a refused call, or null when the response carried none. */
  static String errorCode(AwsServiceException e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }

  private static String firstLine(String text) {
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  private static String stripPeriod(String text) {
    String trimmed = text.strip();
    return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
