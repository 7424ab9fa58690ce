package io.elbctl.serve.http;

import static io.elbctl.serve.http.RequestHeadParserTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkedDecoderTest {
  /** The data, trailers and status of decoding {@code body} fed in pieces of {@code step}. */
  record Decoded(
      String data, List<HeaderField> trailers, ChunkedDecoder.Result last, int consumed) {}

  static Decoded decode(byte[] body, int step) {
    ChunkedDecoder decoder = new ChunkedDecoder();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    List<HeaderField> trailers = new ArrayList<>();
    ChunkedDecoder.Result result = null;
    int consumed = 0;
    for (int off = 0; off < body.length; off += step) {
      int len = Math.min(step, body.length - off);
      result = decoder.decode(body, off, len);
      for (ChunkedDecoder.Segment segment : result.data()) {
        data.write(body, segment.offset(), segment.length());
      }
      trailers.addAll(result.trailers());
      consumed += result.consumed();
      if (result.status() != ChunkedDecoder.Status.NEED_MORE) {
        break;
      }
    }
    return new Decoded(
        data.toString(java.nio.charset.StandardCharsets.ISO_8859_1), trailers, result, consumed);
  }

  @Test
  void wellFormedBody_givesItsDataAndTrailers_whateverTheChunking() {
    byte[] body = bytes("5;ext=1\r\nhello\r\n0006\r\n world\r\n0\r\nX-Sum: 1\r\n\r\nNEXT");
    for (int step : new int[] {1, 2, 3, 7, body.length}) {
      Decoded decoded = decode(body, step);

      assertThat(decoded.last().status())
          .as("step " + step)
          .isEqualTo(ChunkedDecoder.Status.COMPLETE);
      assertThat(decoded.data()).isEqualTo("hello world");
      assertThat(decoded.trailers()).containsExactly(HeaderField.of("X-Sum", " 1"));
      assertThat(decoded.consumed())
          .as("the next request is not consumed")
          .isEqualTo(body.length - 4);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          0x5 size                  | 0x5\\r\\nhello\\r\\n0\\r\\n\\r\\n   | a chunk size is followed by "x", not ; or CRLF
          size then junk            | 5 junk\\r\\nhello\\r\\n0\\r\\n\\r\\n | a chunk size is followed by "j", not ; or CRLF
          NUL inside the size       | 0\\05\\r\\nhello\\r\\n0\\r\\n\\r\\n | a chunk size is followed by "\\x00", not ; or CRLF
          empty size                | \\r\\nhello\\r\\n0\\r\\n\\r\\n       | a chunk-size line does not start with a hex digit
          minus sign                | -5\\r\\nhello\\r\\n0\\r\\n\\r\\n     | a chunk-size line does not start with a hex digit
          bare LF after the size    | 5\\nhello\\r\\n0\\r\\n\\r\\n         | a chunk size is followed by "\\x0a", not ; or CRLF
          CR without LF             | 5\\rhello\\r\\n0\\r\\n\\r\\n         | a chunk-size line has a CR without LF
          data longer than its size | 5\\r\\nhelloX\\r\\n0\\r\\n\\r\\n     | chunk data is not followed by CRLF
          data without its CRLF     | 5\\r\\nhello0\\r\\n\\r\\n            | chunk data is not followed by CRLF
          data with a bare LF       | 5\\r\\nhello\\n0\\r\\n\\r\\n         | chunk data is not followed by CRLF
          oversize chunk            | 8000000000000000\\r\\n               | a chunk size is larger than 9223372036854775807
          control in an extension   | 5;a\\u0001\\r\\nhello\\r\\n0\\r\\n\\r\\n | a chunk extension holds a control character
          trailer without a colon   | 0\\r\\nX\\r\\n\\r\\n                 | a trailer line is not a field with a token name
          trailer with a bad name   | 0\\r\\nX Y: 1\\r\\n\\r\\n            | a trailer line is not a field with a token name
          trailer with a NUL        | 0\\r\\nX: 1\\0\\r\\n\\r\\n           | a trailer field value holds a control character
          trailer with a bare CR    | 0\\r\\nX: 1\\r2\\r\\n\\r\\n          | a trailer field value holds a control character
          trailer with a bare LF    | 0\\r\\nX: 1\\n\\r\\n                | a trailer line ends with a bare LF
          trailer framing the body  | 0\\r\\nContent-Length: 5\\r\\n\\r\\n | a trailer field is named Content-Length
          """)
  void malformedBody_isRefused_andReportsNoData(String finding, String body, String error) {
    byte[] bytes = bytes(DesyncClassifierTest.unescape(body));
    for (int step : new int[] {1, bytes.length}) {
      Decoded decoded = decode(bytes, step);

      assertThat(decoded.last().status()).as(finding).isEqualTo(ChunkedDecoder.Status.MALFORMED);
      assertThat(decoded.last().error()).as(finding).isEqualTo(error);
      assertThat(decoded.last().data()).isEmpty();
    }
  }

  @Test
  void malformedLaterChunk_inTheSameRead_withholdsTheEarlierChunksData() {
    byte[] body = bytes("5\r\nhello\r\n5 junk\r\nworld\r\n0\r\n\r\n");

    ChunkedDecoder.Result result = new ChunkedDecoder().decode(body, 0, body.length);

    assertThat(result.status()).isEqualTo(ChunkedDecoder.Status.MALFORMED);
    assertThat(result.data()).isEmpty();
  }

  @Test
  void sizeLineOverItsLimit_isRefused() {
    byte[] body = bytes("5;" + "a".repeat(ChunkedDecoder.MAX_SIZE_LINE));

    assertThat(decode(body, body.length).last().error())
        .isEqualTo("a chunk-size line is longer than 4096 bytes");
  }

  @Test
  void trailersOverTheirLimit_areRefused() {
    byte[] body = bytes("0\r\nX: " + "a".repeat(ChunkedDecoder.MAX_TRAILERS) + "\r\n\r\n");

    assertThat(decode(body, body.length).last().error())
        .isEqualTo("the trailer fields are longer than 16384 bytes");
  }

  @Test
  void largeSize_withLeadingZeros_isAccepted() {
    byte[] body = bytes("00000000000000000001\r\na\r\n0\r\n\r\n");

    assertThat(decode(body, 1).data()).isEqualTo("a");
  }
}
