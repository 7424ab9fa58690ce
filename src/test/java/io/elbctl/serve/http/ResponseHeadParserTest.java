package io.elbctl.serve.http;

import static io.elbctl.serve.http.RequestHeadParserTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponseHeadParserTest {
  static ResponseHead head(String text) {
    ParseResult<ResponseHead> result = ResponseHeadParser.parse(bytes(text));
    assertThat(result).as(text).isInstanceOf(ParseResult.Complete.class);
    return ((ParseResult.Complete<ResponseHead>) result).head();
  }

  @Test
  void validHead_isParsedWithItsFieldsAsReceived() {
    ResponseHead head = head("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nX-A: b \r\n\r\nhi");

    assertThat(head.version()).isEqualTo("HTTP/1.1");
    assertThat(head.status()).isEqualTo(200);
    assertThat(new String(head.reasonPhrase())).isEqualTo("OK");
    assertThat(head.fields())
        .containsExactly(HeaderField.of("Content-Length", " 2"), HeaderField.of("X-A", " b "));
  }

  @Test
  void statusLineWithoutReason_isAccepted() {
    assertThat(head("HTTP/1.0 204\r\n\r\n").status()).isEqualTo(204);
    assertThat(head("HTTP/1.1 204 \r\n\r\n").reasonPhrase()).isEmpty();
  }

  @Test
  void complete_leavesTheBodyToTheCaller() {
    byte[] response = bytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi");
    ParseResult<ResponseHead> result = new ResponseHeadParser().parse(response, 0, response.length);

    assertThat(((ParseResult.Complete<ResponseHead>) result).bytesConsumed())
        .isEqualTo(response.length - 2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          CL and TE                | HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\nTransfer-Encoding: chunked | the response has both Content-Length and Transfer-Encoding
          two equal CLs            | HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\nContent-Length: 5 | the response has 2 Content-Length fields
          two different CLs        | HTTP/1.1 200 OK\\r\\nContent-Length: 5\\r\\nContent-Length: 6 | the response has 2 Content-Length fields
          signed CL                | HTTP/1.1 200 OK\\r\\nContent-Length: +5                   | the response's Content-Length is not a decimal number
          unknown coding           | HTTP/1.1 200 OK\\r\\nTransfer-Encoding: xchunked          | the response's Transfer-Encoding names an unknown or empty coding
          chunked twice            | HTTP/1.1 200 OK\\r\\nTransfer-Encoding: chunked, chunked  | the response's Transfer-Encoding names chunked twice
          bare CR in a value       | HTTP/1.1 200 OK\\r\\nX: a\\rSet-Cookie: s=1               | the value of X holds a CR, LF, NUL or other control character
          bare LF in a value       | HTTP/1.1 200 OK\\r\\nX: a\\nSet-Cookie: s=1               | the value of X holds a CR, LF, NUL or other control character
          NUL in a value           | HTTP/1.1 200 OK\\r\\nX: a\\0                              | the value of X holds a CR, LF, NUL or other control character
          control in a value       | HTTP/1.1 200 OK\\r\\nX: a\\u0001                          | the value of X holds a CR, LF, NUL or other control character
          tab before the colon     | HTTP/1.1 200 OK\\r\\nContent-Length\\t: 5                 | the header name "Content-Length\\x09" is not a token
          space in a name          | HTTP/1.1 200 OK\\r\\nX Y: 5                               | the header name "X Y" is not a token
          bare CR in a name        | HTTP/1.1 200 OK\\r\\nX\\r: 5                              | the header name "X\\x0d" is not a token
          empty name               | HTTP/1.1 200 OK\\r\\n: 5                                  | the header name "" is not a token
          no colon                 | HTTP/1.1 200 OK\\r\\nX                                    | a header line has no colon
          folded line              | HTTP/1.1 200 OK\\r\\nX: a\\r\\n b                         | a header line begins with whitespace (obsolete line folding)
          HTTP/2 status line       | HTTP/2 200 OK                                             | the status line is not HTTP/1.x followed by a three-digit status
          two-digit status         | HTTP/1.1 20 OK                                            | the status line is not HTTP/1.x followed by a three-digit status
          status below 100         | HTTP/1.1 099 OK                                           | the status code 99 is below 100
          control in the reason    | HTTP/1.1 200 O\\0K                                        | the reason phrase holds a control character
          bare LF line endings     | HTTP/1.1 200 OK\\nX: a\\n\\n                             | the head uses bare LF line endings; only CRLF ends a line
          """)
  void invalidResponse_isRejectedWith502(String finding, String head, String reason) {
    String text = DesyncClassifierTest.unescape(head) + "\r\n\r\n";

    ParseResult<ResponseHead> result = ResponseHeadParser.parse(bytes(text));

    assertThat(result).as(finding).isEqualTo(new ParseResult.Rejected<ResponseHead>(502, reason));
  }

  @Test
  void headerLineOver16Kb_isRejected() {
    String text = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(RequestHeadParser.MAX_HEADER_LINE);

    assertThat(ResponseHeadParser.parse(bytes(text)))
        .isEqualTo(
            new ParseResult.Rejected<ResponseHead>(
                502, "a header line is longer than 16384 bytes"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          a length                | GET  | HTTP/1.1 200 OK\\r\\nContent-Length: 7   | length:7
          chunked                 | GET  | HTTP/1.1 200 OK\\r\\nTransfer-Encoding: gzip, chunked | chunked
          coding without chunked  | GET  | HTTP/1.1 200 OK\\r\\nTransfer-Encoding: gzip | until-close
          no framing field        | GET  | HTTP/1.1 200 OK\\r\\nX: a                | until-close
          answer to HEAD          | HEAD | HTTP/1.1 200 OK\\r\\nContent-Length: 7   | none
          no content              | GET  | HTTP/1.1 204 No Content\\r\\nX: a        | none
          not modified            | GET  | HTTP/1.1 304 Not Modified\\r\\nContent-Length: 7 | none
          informational           | GET  | HTTP/1.1 100 Continue\\r\\nX: a          | none
          switching protocols     | GET  | HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: websocket | none
          """)
  void framing_followsRfc7230(String finding, String method, String head, String framing) {
    ResponseHead parsed = head(DesyncClassifierTest.unescape(head) + "\r\n\r\n");

    ResponseFraming decided = ResponseFraming.of(parsed, method);

    assertThat(describe(decided)).as(finding).isEqualTo(framing);
  }

  static String describe(ResponseFraming framing) {
    if (framing instanceof ResponseFraming.None) {
      return "none";
    }
    if (framing instanceof ResponseFraming.Length length) {
      return "length:" + length.length();
    }
    if (framing instanceof ResponseFraming.Chunked) {
      return "chunked";
    }
    if (framing instanceof ResponseFraming.UntilClose) {
      return "until-close";
    }
    throw new AssertionError(framing);
  }
}
