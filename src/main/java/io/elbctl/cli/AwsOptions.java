package io.elbctl.cli;

import picocli.CommandLine.Option;

/** AWS connection flags, named as the AWS CLI names them. */
public final class AwsOptions {
  @Option(names = "--profile", paramLabel = "NAME", description = "AWS profile to use.")
  public String profile;

  @Option(names = "--region", paramLabel = "REGION", description = "Override the spec's region.")
  public String region;

  @Option(
      names = "--endpoint-url",
      paramLabel = "URL",
      description = "Send every AWS call to this endpoint (an emulator); also AWS_ENDPOINT_URL.")
  public String endpointUrl;
}
