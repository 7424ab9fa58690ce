package io.elbctl.serve.http;

import static io.elbctl.serve.http.RequestHeadParserTest.head;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestTargetTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          origin form                 | GET /a?b HTTP/1.1\\r\\nHost: example.com     | example.com /a?b
          host with a port            | GET / HTTP/1.1\\r\\nHost: example.com:8080   | example.com:8080 /
          IPv6 literal                | GET / HTTP/1.1\\r\\nHost: [::1]:80            | [::1]:80 /
          HTTP/1.0 without Host       | GET / HTTP/1.0                               | ' /'
          absolute form matching Host | GET http://Example.com/x HTTP/1.1\\r\\nHost: example.com | Example.com /x
          absolute form without path  | GET https://example.com?q HTTP/1.1\\r\\nHost: example.com | example.com /?q
          OPTIONS asterisk            | OPTIONS * HTTP/1.1\\r\\nHost: a               | a *
          HTTP/1.1 without Host       | GET / HTTP/1.1                               | an HTTP/1.1 request has no Host field
          empty Host                  | GET / HTTP/1.1\\r\\nHost:                    | the Host field is empty
          two Host fields             | GET / HTTP/1.1\\r\\nHost: a\\r\\nHost: b      | the request has 2 Host fields
          Host with a path            | GET / HTTP/1.1\\r\\nHost: a/b                | the Host field is not a host[:port]
          Host with userinfo          | GET / HTTP/1.1\\r\\nHost: u@a                | the Host field is not a host[:port]
          Host with a space           | GET / HTTP/1.1\\r\\nHost: a b                | the Host field is not a host[:port]
          absolute form, other host   | GET http://evil.example/x HTTP/1.1\\r\\nHost: a | the absolute-form target names a host other than the Host field
          absolute form, userinfo     | GET http://u@a/x HTTP/1.1\\r\\nHost: a        | the authority of the absolute-form target is not a host[:port]
          empty target                | GET  HTTP/1.1\\r\\nHost: a                    | the request target is not /path, http(s)://host/path or *
          asterisk for GET            | GET * HTTP/1.1\\r\\nHost: a                   | the request target is not /path, http(s)://host/path or *
          authority form              | CONNECT a:443 HTTP/1.1\\r\\nHost: a:443       | the request target is not /path, http(s)://host/path or *
          """)
  void target_isRoutedOrRefused(String finding, String head, String expected) {
    RequestTarget target = RequestTarget.of(head(DesyncClassifierTest.unescape(head) + "\r\n\r\n"));

    String actual =
        target instanceof RequestTarget.Routable routable
            ? routable.host() + " " + routable.originFormText()
            : ((RequestTarget.Unroutable) target).reason();
    assertThat(actual).as(finding).isEqualTo(expected);
  }
}
