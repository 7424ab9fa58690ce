package io.elbctl.serve.http;

import static io.elbctl.serve.http.RequestHeadParserTest.head;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BodyFramingTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          no framing fields            | X: a                                   | none       | -
          a length                     | Content-Length: 5                      | length:5   | Content-Length: 5
          leading zeros                | Content-Length: 0005                   | length:5   | Content-Length: 5
          two equal lengths            | Content-Length: 5\\r\\nContent-Length: 5 | length:5 | Content-Length: 5
          two different lengths        | Content-Length: 5\\r\\nContent-Length: 6 | reject   | -
          a signed length              | Content-Length: +5                     | reject     | -
          a list of lengths            | Content-Length: 5, 5                   | reject     | -
          a length past Long.MAX_VALUE | Content-Length: 9223372036854775808    | reject     | -
          chunked                      | Transfer-Encoding: chunked             | chunked    | Transfer-Encoding: chunked
          upper-case CHUNKED           | Transfer-Encoding: CHUNKED             | chunked    | Transfer-Encoding: chunked
          identity, chunked            | Transfer-Encoding: identity, chunked   | chunked    | Transfer-Encoding: chunked
          gzip, chunked over two fields | Transfer-Encoding: gzip\\r\\nTransfer-Encoding: chunked | chunked | Transfer-Encoding: gzip, chunked
          chunked with a parameter     | Transfer-Encoding: chunked;x=y         | chunked    | Transfer-Encoding: chunked
          chunked beats a length       | Transfer-Encoding: chunked\\r\\nContent-Length: 5 | chunked | Transfer-Encoding: chunked
          xchunked                     | Transfer-Encoding: xchunked            | reject     | -
          chunked not last             | Transfer-Encoding: chunked, gzip       | reject     | -
          chunked twice                | Transfer-Encoding: chunked\\r\\nTransfer-Encoding: chunked | reject | -
          gzip alone                   | Transfer-Encoding: gzip                | reject     | -
          an empty coding              | Transfer-Encoding: chunked,            | reject     | -
          chunked and a bad length     | Transfer-Encoding: chunked\\r\\nContent-Length: x | reject | -
          look-alike names frame nothing | Transfer-Encoding\\t: chunked\\r\\nContent_Length: 5 | none | -
          """)
  void framing_isDecidedWithoutGuessing(
      String finding, String fields, String framing, String upstream) {
    RequestHead head =
        head("POST / HTTP/1.1\r\nHost: a\r\n" + DesyncClassifierTest.unescape(fields) + "\r\n\r\n");

    BodyFraming decided = BodyFraming.of(head);

    assertThat(DesyncCasesTest.describe(decided)).as(finding).isEqualTo(framing);
    assertThat(decided.upstreamField().map(f -> f.nameText() + ":" + f.valueText()).orElse("-"))
        .as(finding)
        .isEqualTo(upstream);
  }
}
