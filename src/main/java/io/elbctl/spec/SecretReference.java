package io.elbctl.spec;

/**
 * Where a secret is read at apply time, from exactly one source; the spec never holds the secret
 * itself.
 */
@Doc("Where the secret is read when elbctl applies: exactly one of env or secretsManager.")
public record SecretReference(
    @Doc("Name of the environment variable that holds the secret when elbctl applies.") String env,
    @Doc(
            "ARN or name of the AWS Secrets Manager secret whose current string value elbctl reads"
                + " when it applies.")
        String secretsManager) {

  /** How plan output and errors show the secret: by its reference only. */
  @Override
  public String toString() {
    return secretsManager != null ? "from Secrets Manager " + secretsManager : "$" + env;
  }
}
