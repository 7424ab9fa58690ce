package io.elbctl.spec;

/** Answers the request from the load balancer itself. */
public record FixedResponseAction(
    @Required @Doc("\"fixed-response\".") String type,
    @Required @Doc("2XX, 4XX or 5XX status code as a string, e.g. \"503\".") String statusCode,
    @Doc("text/plain (default), text/css, text/html, application/javascript or application/json.")
        String contentType,
    @Doc("Response body, at most 1024 characters.") String messageBody)
    implements Action {
  public FixedResponseAction {
    contentType = contentType == null ? "text/plain" : contentType;
    messageBody = messageBody == null ? "" : messageBody;
  }
}
