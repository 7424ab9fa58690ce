package io.elbctl.spec;

/** Where a secret is read at apply time; the spec never holds the secret itself. */
public record SecretReference(
    @Required @Doc("Name of the environment variable that holds the secret when elbctl applies.")
        String env) {

  /** How plan output and errors show the secret: by its reference only. */
  @Override
  public String toString() {
    return "$" + env;
  }
}
