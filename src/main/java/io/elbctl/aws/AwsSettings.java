package io.elbctl.aws;

/**
 * Where and as whom to call AWS: region, optional profile and optional endpoint override (an
 * emulator); null members mean the SDK's defaults.
 */
public record AwsSettings(String region, String profile, String endpointUrl) {}
