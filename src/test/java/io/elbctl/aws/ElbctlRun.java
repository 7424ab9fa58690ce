package io.elbctl.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.elbctl.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;

/** Runs elbctl commands against the emulator and writes edited copies of the example spec. */
final class ElbctlRun {
  static final String REGION = "ap-northeast-2";
  static final ObjectMapper JSON = new ObjectMapper();

  private final Emulator emulator;
  private final Path dir;

  ElbctlRun(Emulator emulator, Path dir) {
    this.emulator = emulator;
    this.dir = dir;
  }

  Result run(String... args) {
    return runWithEnv(Map.of("AWS_ENDPOINT_URL", emulator.endpoint()), args);
  }

  /** Runs with exactly this environment, which names the endpoint or leaves it out. */
  Result runWithEnv(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new Result(code, out.toString(), err.toString());
  }

  /** The example spec with an edit applied, written to a temporary file. */
  Path spec(Consumer<JsonNode> edit) {
    try {
      JsonNode tree = JSON.readTree(Path.of("examples/oauth2-split.json").toFile());
      edit.accept(tree);
      Path file = Files.createTempFile(dir, "spec", ".json");
      Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Ec2Client ec2() {
    return Ec2Client.builder()
        .region(Region.of(REGION))
        .endpointOverride(URI.create(emulator.endpoint()))
        .build();
  }

  String defaultVpc() {
    try (Ec2Client ec2 = ec2()) {
      return ec2.describeVpcs(r -> r.filters(f -> f.name("isDefault").values("true")))
          .vpcs()
          .get(0)
          .vpcId();
    }
  }

  List<String> defaultSubnets() {
    try (Ec2Client ec2 = ec2()) {
      return ec2
          .describeSubnets(r -> r.filters(f -> f.name("default-for-az").values("true")))
          .subnets()
          .stream()
          .map(s -> s.subnetId())
          .limit(2)
          .toList();
    }
  }

  /** The ARN of the listener on {@code port} of the load balancer named myapp-alb. */
  String listenerArn(ElasticLoadBalancingV2Client elb, int port) {
    String lb =
        elb.describeLoadBalancers(r -> r.names("myapp-alb"))
            .loadBalancers()
            .get(0)
            .loadBalancerArn();
    return elb.describeListeners(r -> r.loadBalancerArn(lb)).listeners().stream()
        .filter(l -> l.port() == port)
        .findFirst()
        .orElseThrow()
        .listenerArn();
  }

  List<Rule> rules(ElasticLoadBalancingV2Client elb, int port) {
    String listener = listenerArn(elb, port);
    return elb.describeRules(r -> r.listenerArn(listener)).rules().stream()
        .filter(r -> !r.isDefault())
        .toList();
  }

  /** Exit code and both streams of one command. */
  record Result(int code, String out, String err) {
    JsonNode json() {
      try {
        return JSON.readTree(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public String toString() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }
}
