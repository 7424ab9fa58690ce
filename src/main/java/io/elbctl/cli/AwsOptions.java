package io.elbctl.cli;

import io.elbctl.aws.AwsSettings;
import io.elbctl.spec.Spec;
import java.util.Map;
import picocli.CommandLine.Option;

/** AWS connection flags, named as the AWS CLI names them. */
public final class AwsOptions {
  @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec mixee;

  @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile to use.")
  public String profile;

  @Option(names = "--region", paramLabel = "REGION", description = "Override the spec's region.")
  public String region;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "Send every AWS call to this endpoint (an emulator); also AWS_ENDPOINT_URL.")
  public String endpointUrl;

  @Option(
      names = "--stats",
      description =
          "Print the AWS calls made (reads, mutations, polls) and the time spent waiting.")
  public boolean stats;

  /** The command's stderr, where retry notices go. */
  java.io.PrintWriter err() {
    return mixee.commandLine().getErr();
  }

  /** Region from --region, else the spec; endpoint from --endpoint-url, else AWS_ENDPOINT_URL. */
  public AwsSettings settings(Spec spec, Map<String, String> env) {
    return settings(spec.region(), env);
  }

  /**
   * For a command without a spec: region from --region, else AWS_REGION or AWS_DEFAULT_REGION; a
   * usage error when none is set.
   */
  public AwsSettings settings(Map<String, String> env) {
    String fromEnv = env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION"));
    if (region == null && (fromEnv == null || fromEnv.isBlank())) {
      throw new io.elbctl.ElbctlException(
          io.elbctl.ExitCode.USAGE, "give the region with --region (or set AWS_REGION)");
    }
    return settings(fromEnv, env);
  }

  private AwsSettings settings(String specRegion, Map<String, String> env) {
    String endpoint = endpointUrl;
    if (endpoint == null) {
      String fromEnv = env.get("AWS_ENDPOINT_URL");
      endpoint = fromEnv == null || fromEnv.isBlank() ? null : fromEnv;
    }
    return new AwsSettings(region != null ? region : specRegion, profile, endpoint);
  }
}
