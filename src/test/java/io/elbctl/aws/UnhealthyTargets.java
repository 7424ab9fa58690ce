package io.elbctl.aws;

import java.io.IOException;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Answers DescribeTargetHealth for one target group as AWS does when its health checks fail, which
 * moto never does (its targets are healthy once registered): every target {@code unhealthy} with
 * reason Target.ResponseCodeMismatch.
 */
final class UnhealthyTargets implements FaultProxy.Behaviour {
  static final String REASON = "Target.ResponseCodeMismatch";
  static final String DESCRIPTION = "Health checks failed with these codes: [502]";

  private final String groupName;

  UnhealthyTargets(String groupName) {
    this.groupName = groupName;
  }

  @Override
  public HttpResponse<byte[]> answer(FaultProxy.Request call, FaultProxy.Moto moto)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response = moto.send();
    String request =
        URLDecoder.decode(new String(call.body(), StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    if (!"DescribeTargetHealth".equals(call.operation())
        || !request.contains(":targetgroup/" + groupName + "/")) {
      return response;
    }
    String body = AwsAnswers.body(response);
    String unhealthy =
        "<State>unhealthy</State><Reason>"
            + REASON
            + "</Reason><Description>"
            + DESCRIPTION
            + "</Description>";
    return AwsAnswers.withBody(response, body.replace("<State>healthy</State>", unhealthy));
  }
}
