package io.elbctl.aws;

import io.elbctl.aws.ElbctlRun.Result;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A suite whose every test starts with the console-built ALB ({@link ConsoleBuiltAlb}) on a fresh
 * account, reached through a proxy that answers DescribeTargetHealth for the backend group as AWS
 * does when its checks fail (the emulator's targets are always healthy).
 */
abstract class OnConsoleBuiltAlb extends OnExampleAccount {
  /** The emulator's account id. */
  private static final String ACCOUNT = "123456789012";

  ConsoleBuiltAlb alb;
  FaultProxy proxy;

  @BeforeEach
  void buildAlbBehindProxy() {
    alb = ConsoleBuiltAlb.build(account);
    proxy = new FaultProxy(emulator.endpoint(), ACCOUNT).behave(new UnhealthyTargets("backend"));
  }

  @AfterEach
  void closeProxy() {
    proxy.close();
  }

  /** Runs elbctl against the proxy. */
  Result run(String... args) {
    return elbctl.runWithEnv(Map.of("AWS_ENDPOINT_URL", proxy.endpoint()), args);
  }
}
