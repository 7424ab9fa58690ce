package io.elbctl.serve;

import io.elbctl.sim.Request;
import java.util.List;

/**
 * What the load balancer makes of one raw HTTP/1.x request head: the request as it will be
 * forwarded, its desync classification, and what the mitigation mode does with it.
 *
 * @param status 0 to route the request, else the status the load balancer answers with (400)
 * @param classification the ALB tier for the access log, null when compliant
 * @param reason the ALB reason code for the access log, null when compliant
 * @param closeClient close the client connection once the request is answered
 * @param closeTarget close the target connection once the request is answered
 */
record RequestVerdict(
    int status,
    String method,
    String target,
    String version,
    List<Request.Header> headers,
    String host,
    long contentLength,
    boolean chunked,
    String classification,
    String reason,
    boolean closeClient,
    boolean closeTarget) {
  boolean forwards() {
    return status == 0;
  }
}
