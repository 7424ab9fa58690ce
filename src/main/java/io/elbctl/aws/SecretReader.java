package io.elbctl.aws;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.Secrets;
import io.elbctl.spec.Authenticate;
import io.elbctl.spec.SecretReference;
import java.util.function.Function;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Reads an authenticate action's client secret from where the spec points, an environment variable
 * or Secrets Manager, only when apply sends it; the value is masked in all output from then on. A
 * reference that leads nowhere is one sentence with exit code 4, as a spec that cannot be applied
 * as written; other refusals (access denied) follow the AWS error mapping.
 */
final class SecretReader {
  private final AwsClients clients;
  private final AwsErrors errors;
  private final Function<String, String> env;

  SecretReader(AwsClients clients, AwsErrors errors, Function<String, String> env) {
    this.clients = clients;
    this.errors = errors;
    this.env = env;
  }

  /** The client secret of {@code auth}, read now. */
  String clientSecret(Authenticate auth) {
    SecretReference reference = auth.clientSecret();
    String value =
        reference.secretsManager() != null
            ? fromSecretsManager(reference.secretsManager(), auth.clientId())
            : fromEnvironment(reference.env(), auth.clientId());
    Secrets.add(value);
    return value;
  }

  private String fromEnvironment(String name, String clientId) {
    String value = env.apply(name);
    if (value == null || value.isEmpty()) {
      throw missing("the environment variable " + name, clientId, "is not set");
    }
    return value;
  }

  private String fromSecretsManager(String secretId, String clientId) {
    String value =
        errors.call(
            () -> {
              try {
                return clients
                    .secretsManager()
                    .getSecretValue(r -> r.secretId(secretId))
                    .secretString();
              } catch (ResourceNotFoundException e) {
                throw missing(
                    "the Secrets Manager secret " + secretId,
                    clientId,
                    "does not exist in " + clients.settings().region());
              }
            });
    if (value == null || value.isEmpty()) {
      throw missing(
          "the Secrets Manager secret " + secretId, clientId, "has no string value to read");
    }
    return value;
  }

  private static ElbctlException missing(String source, String clientId, String problem) {
    return new ElbctlException(
        ExitCode.USAGE,
        source + " that holds the OIDC client secret for " + clientId + " " + problem);
  }
}
