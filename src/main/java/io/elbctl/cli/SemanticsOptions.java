package io.elbctl.cli;

import io.elbctl.sim.Semantics;
import picocli.CommandLine.Option;

/** Flags for the ALB behaviours AWS leaves undocumented; the defaults are the README's. */
public final class SemanticsOptions {
  @Option(
      names = "--host-port",
      paramLabel = "MODE",
      description =
          "keep: host-header values see a :port in the Host header (example.com does not match"
              + " example.com:8443); strip: drop it first (default: ${DEFAULT-VALUE}).")
  Semantics.HostPort hostPort = Semantics.DEFAULT.hostPort();

  @Option(
      names = "--path-decoding",
      paramLabel = "MODE",
      description =
          "raw: match the path as sent; decode: percent-decode it first (default:"
              + " ${DEFAULT-VALUE}).")
  Semantics.PathDecoding pathDecoding = Semantics.DEFAULT.pathDecoding();

  @Option(
      names = "--regex-match",
      paramLabel = "MODE",
      description =
          "search: a regex value may match part of the value; full: the whole value (default:"
              + " ${DEFAULT-VALUE}).")
  Semantics.RegexMatch regexMatch = Semantics.DEFAULT.regexMatch();

  @Option(
      names = "--regex-case",
      paramLabel = "MODE",
      description =
          "condition: regexes follow their condition's case rule (paths sensitive, hosts and"
              + " headers not); sensitive; insensitive (default: ${DEFAULT-VALUE}).")
  Semantics.RegexCase regexCase = Semantics.DEFAULT.regexCase();

  @Option(
      names = "--initial-healthy",
      paramLabel = "MODE",
      description =
          "one: a newly registered target is healthy after one passing check; threshold: after"
              + " HealthyThresholdCount (default: ${DEFAULT-VALUE}).")
  Semantics.InitialHealthy initialHealthy = Semantics.DEFAULT.initialHealthy();

  @Option(
      names = "--location-port",
      paramLabel = "MODE",
      description =
          "explicit: a redirect Location always names the port (https://host:443/); omit_default:"
              + " only non-default ports (default: ${DEFAULT-VALUE}).")
  Semantics.LocationPort locationPort = Semantics.DEFAULT.locationPort();

  @Option(
      names = "--rewrite-decoding",
      paramLabel = "MODE",
      description =
          "keep: a url-rewrite result reaches the target as written; decode: percent-decoded, as"
              + " reported of ALBs (default: ${DEFAULT-VALUE}).")
  Semantics.RewriteDecoding rewriteDecoding = Semantics.DEFAULT.rewriteDecoding();

  public Semantics semantics() {
    return new Semantics(
        hostPort,
        pathDecoding,
        regexMatch,
        regexCase,
        initialHealthy,
        locationPort,
        rewriteDecoding);
  }
}
