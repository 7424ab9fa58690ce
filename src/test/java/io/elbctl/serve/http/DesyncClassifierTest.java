package io.elbctl.serve.http;

import static io.elbctl.serve.http.RequestHeadParserTest.head;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request-side findings of issue 16, each as bytes with the verdict they must get. */
class DesyncClassifierTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          bare CR in a value        | X: a\\rGET /s HTTP/1.1           | Severe    | BadHeader
          bare LF in a value        | X: a\\nGET /s HTTP/1.1           | Severe    | BadHeader
          NUL in a value            | X: a\\0b                         | Severe    | BadHeader
          bare CR in a name         | X\\r: a                          | Severe    | BadHeader
          tab before the colon      | Transfer-Encoding\\t: chunked    | Ambiguous | SuspiciousHeader
          space before the colon    | Content-Length : 5               | Ambiguous | SuspiciousHeader
          underscore look-alike     | Transfer_Encoding: chunked       | Ambiguous | SuspiciousHeader
          odd but harmless name     | X Custom: a                      | Acceptable| NonCompliantHeader
          control char in a value   | X: a\\u0001                      | Acceptable| NonCompliantHeader
          xchunked                  | Transfer-Encoding: xchunked      | Severe    | BadTransferEncoding
          identity, chunked         | Transfer-Encoding: identity, chunked | Compliant | Compliant
          chunked twice in a list   | Transfer-Encoding: chunked, gzip, chunked | Severe | MultipleTransferEncodingChunked
          Content-Length +5         | Content-Length: +5               | Severe    | BadContentLength
          Content-Length 0005       | Content-Length: 0005             | Compliant | Compliant
          Content-Length empty      | Content-Length:                  | Severe    | BadContentLength
          Content-Length 5 and 5    | Content-Length: 5\\r\\nContent-Length: 5 | Ambiguous | DuplicateContentLength
          Content-Length 5 and 6    | Content-Length: 5\\r\\nContent-Length: 6 | Severe    | MultipleContentLength
          both TE and CL            | Transfer-Encoding: chunked\\r\\nContent-Length: 5 | Ambiguous | BothTeClPresent
          folded header             | X: a\\r\\n b: c                  | Ambiguous | MultilineHeader
          """)
  void headerFindings_postRequest(String finding, String fields, String tier, String reason) {
    String request = "POST / HTTP/1.1\r\nHost: a\r\n" + unescape(fields) + "\r\n\r\n";

    assertThat(DesyncClassifier.classify(head(request)))
        .as(finding)
        .isEqualTo(new Classification(Tier.fromLabel(tier).orElseThrow(), reason));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          space in the target       | GET /oauth2/authorization/google /x HTTP/1.1 | Acceptable | SpaceInUri
          space then a version      | GET /a HTTP/1.1 HTTP/1.1         | Severe    | BadVersion
          tab in the target         | GET /a\\tb HTTP/1.1              | Ambiguous | AmbiguousUri
          control in the target     | GET /a\\u0001b HTTP/1.1          | Ambiguous | AmbiguousUri
          DEL in the target         | GET /a\\u007fb HTTP/1.1          | Ambiguous | AmbiguousUri
          CR in the target          | GET /a\\rb HTTP/1.1              | Severe    | BadUri
          NUL in the target         | GET /a\\0b HTTP/1.1              | Severe    | BadUri
          tab and no version        | GET /a\\tHTTP/1.1                | Severe    | BadUri
          tab in the method         | GET\\t/a HTTP/1.1                | Severe    | BadMethod
          control in the method     | G\\u0001T /a HTTP/1.1            | Severe    | BadMethod
          empty method              | \\u0020/a HTTP/1.1               | Severe    | BadMethod
          HTTP/1.0                  | GET /a HTTP/1.0                  | Compliant | Compliant
          HTTP/1.2                  | GET /a HTTP/1.2                  | Acceptable | NonCompliantVersion
          HTTP/2.0 on an HTTP/1 line | GET /a HTTP/2.0                 | Severe    | BadVersion
          lower-case version        | GET /a http/1.1                  | Severe    | BadVersion
          no version                | GET /a                           | Acceptable | NonCompliantVersion
          """)
  void requestLineFindings(String finding, String line, String tier, String reason) {
    String request = unescape(line) + "\r\nHost: a\r\n\r\n";

    assertThat(DesyncClassifier.classify(head(request)))
        .as(finding)
        .isEqualTo(new Classification(Tier.fromLabel(tier).orElseThrow(), reason));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          GET with Content-Length 0   | GET  | Content-Length: 0         | Acceptable | GetHeadZeroContentLength
          GET with Content-Length 5   | GET  | Content-Length: 5         | Ambiguous  | UndefinedContentLengthSemantics
          HEAD with chunked           | HEAD | Transfer-Encoding: chunked | Ambiguous | UndefinedTransferEncodingSemantics
          lower-case get has a body   | get  | Content-Length: 5         | Compliant  | Compliant
          """)
  void bodylessMethods(String finding, String method, String field, String tier, String reason) {
    String request = method + " / HTTP/1.1\r\nHost: a\r\n" + field + "\r\n\r\n";

    assertThat(DesyncClassifier.classify(head(request)))
        .as(finding)
        .isEqualTo(new Classification(Tier.fromLabel(tier).orElseThrow(), reason));
  }

  /** Test-table escapes: \r, \n, \t, \0 and \\uXXXX (one byte). */
  static String unescape(String text) {
    return text.replace("\\r", "\r")
        .replace("\\n", "\n")
        .replace("\\t", "\t")
        .replace("\\0", "\u0000")
        .replace("\\u0001", "\u0001")
        .replace("\\u007f", "\u007f")
        .replace("\\u0020", " ");
  }
}
