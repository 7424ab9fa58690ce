package io.elbctl.aws;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLSession;

/**
 * Answers the test proxies make up in place of moto's: AWS errors in each service's protocol (query
 * XML for ELBv2, EC2's own XML, JSON for ACM, REST XML for Route 53), and moto's answers with a
 * changed body.
 */
final class AwsAnswers {
  private AwsAnswers() {}

  /** The error {@code code} as {@code service} sends it. */
  static HttpResponse<byte[]> error(String service, int status, String code, String message) {
    String requestId = UUID.randomUUID().toString();
    String body;
    Map<String, List<String>> headers;
    switch (service) {
      case "acm" -> {
        headers =
            Map.of(
                "Content-Type", List.of("application/x-amz-json-1.1"),
                "x-amzn-ErrorType", List.of(code),
                "x-amzn-RequestId", List.of(requestId));
        body = "{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}";
      }
      case "ec2" -> {
        headers = xml(requestId);
        body =
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>"
                + code
                + "</Code><Message>"
                + message
                + "</Message></Error></Errors><RequestID>"
                + requestId
                + "</RequestID></Response>";
      }
      case "route53" -> {
        headers = xml(requestId);
        body =
            "<?xml version=\"1.0\"?>\n"
                + errorResponse(
                    "https://route53.amazonaws.com/doc/2013-04-01/",
                    "Sender",
                    code,
                    message,
                    requestId);
      }
      default -> {
        headers = xml(requestId);
        body =
            errorResponse(
                "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/",
                status >= 500 ? "Receiver" : "Sender",
                code,
                message,
                requestId);
      }
    }
    return new Synthetic(status, HttpHeaders.of(headers, (a, b) -> true), bytes(body));
  }

  private static String errorResponse(
      String namespace, String type, String code, String message, String requestId) {
    return "<ErrorResponse xmlns=\""
        + namespace
        + "\"><Error><Type>"
        + type
        + "</Type><Code>"
        + code
        + "</Code><Message>"
        + message
        + "</Message></Error><RequestId>"
        + requestId
        + "</RequestId></ErrorResponse>";
  }

  /** {@code response} with {@code body} in place of its own. */
  static HttpResponse<byte[]> withBody(HttpResponse<byte[]> response, String body) {
    return new Synthetic(response.statusCode(), response.headers(), bytes(body));
  }

  static String body(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static byte[] bytes(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, List<String>> xml(String requestId) {
    return Map.of("Content-Type", List.of("text/xml"), "x-amzn-RequestId", List.of(requestId));
  }

  /** A response the proxy makes up itself. */
  private record Synthetic(int statusCode, HttpHeaders headers, byte[] body)
      implements HttpResponse<byte[]> {
    @Override
    public HttpRequest request() {
      return null;
    }

    @Override
    public Optional<HttpResponse<byte[]>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return null;
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }
}
