package io.elbctl.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestHeadParserTest {
  static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  static RequestHead head(String text) {
    return DesyncCasesTest.parsed(bytes(text));
  }

  static ParseResult.Rejected<RequestHead> rejected(ParseResult<RequestHead> result) {
    assertThat(result).isInstanceOf(ParseResult.Rejected.class);
    return (ParseResult.Rejected<RequestHead>) result;
  }

  @Test
  void parse_keepsEveryByteOfTheLineAndTheFields() {
    RequestHead head = head("get /a%20b?c=d HTTP/1.1\r\nHost: x\r\nX-Odd :  v \t\r\n\r\n");

    assertThat(head.methodText()).isEqualTo("get");
    assertThat(head.targetText()).isEqualTo("/a%20b?c=d");
    assertThat(head.versionText()).isEqualTo("HTTP/1.1");
    assertThat(head.fields())
        .containsExactly(HeaderField.of("Host", " x"), HeaderField.of("X-Odd ", "  v \t"));
  }

  @Test
  void bareCrInAValue_isAByteOfTheValue_notALineBreak() {
    RequestHead head = head("GET / HTTP/1.1\r\nHost: x\r\nX: a\rGET /smuggled HTTP/1.1\r\n\r\n");

    assertThat(head.fields()).hasSize(2);
    assertThat(head.fields().get(1).valueText()).isEqualTo(" a\rGET /smuggled HTTP/1.1");
  }

  @Test
  void bareLfAndNulInAValue_areBytesOfTheValue() {
    RequestHead head = head("GET / HTTP/1.1\r\nX: a\nb\u0000c\r\n\r\n");

    assertThat(head.fields()).containsExactly(HeaderField.of("X", " a\nb\u0000c"));
  }

  @Test
  void bareLfLineEndings_areRefusedAtTheEmptyLine_insteadOfWaiting() {
    ParseResult<RequestHead> result = RequestHeadParser.parse(bytes("GET / HTTP/1.1\nHost: x\n\n"));

    assertThat(rejected(result).status()).isEqualTo(400);
    assertThat(rejected(result).reason()).contains("bare LF");
  }

  @Test
  void targetWithASpace_isKeptWhole_soItIsNotRoutedByItsTail() {
    RequestHead head = head("GET /oauth2/authorization/google /x HTTP/1.1\r\nHost: a\r\n\r\n");

    assertThat(head.targetText()).isEqualTo("/oauth2/authorization/google /x");
    assertThat(head.versionText()).isEqualTo("HTTP/1.1");
  }

  @Test
  void requestLineWithoutVersion_hasAnEmptyVersion() {
    assertThat(head("GET /a\r\n\r\n").versionText()).isEmpty();
    assertThat(head("GET /a \r\n\r\n").targetText()).isEqualTo("/a");
    assertThat(head("GET /a HTTP/1.1 \r\n\r\n").versionText()).isEqualTo("HTTP/1.1 ");
  }

  @Test
  void requestLineWithoutTarget_isRefused() {
    assertThat(rejected(RequestHeadParser.parse(bytes("GET\r\n\r\n"))).reason())
        .isEqualTo("the request line has no request target");
  }

  @Test
  void headerLineWithoutColon_isRefused_evenAsAnObsoleteFold() {
    String fold = "GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n , identity\r\n\r\n";
    assertThat(rejected(RequestHeadParser.parse(bytes(fold))).reason())
        .isEqualTo("a header line has no colon");
  }

  @Test
  void leadingEmptyLines_areSkipped() {
    assertThat(head("\r\n\r\nGET / HTTP/1.1\r\n\r\n").methodText()).isEqualTo("GET");
  }

  @Test
  void headerLineOf16Kb_isAccepted_andOneByteMoreIsRefusedBeforeItEnds() {
    String name = "X: ";
    String exact = name + "v".repeat(RequestHeadParser.MAX_HEADER_LINE - name.length());
    assertThat(head("GET / HTTP/1.1\r\n" + exact + "\r\n\r\n").fields()).hasSize(1);

    RequestHeadParser parser = new RequestHeadParser();
    byte[] tooLong = bytes("GET / HTTP/1.1\r\n" + exact + "v");
    ParseResult<RequestHead> result = parser.parse(tooLong, 0, tooLong.length);

    assertThat(rejected(result).status()).isEqualTo(400);
    assertThat(rejected(result).reason()).isEqualTo("a header line is longer than 16384 bytes");
  }

  @Test
  void requestLineOver16Kb_isRefusedWith400() {
    String line = "GET /" + "a".repeat(RequestHeadParser.MAX_REQUEST_LINE) + " HTTP/1.1";
    ParseResult<RequestHead> result = RequestHeadParser.parse(bytes(line));

    assertThat(rejected(result).status()).isEqualTo(400);
    assertThat(rejected(result).reason()).isEqualTo("the request line is longer than 16384 bytes");
  }

  @Test
  void endlessEmptyLines_countAgainstTheRequestLineLimit() {
    ParseResult<RequestHead> result =
        RequestHeadParser.parse(bytes("\r\n".repeat(RequestHeadParser.MAX_REQUEST_LINE)));

    assertThat(rejected(result).status()).isEqualTo(400);
  }

  @Test
  void headersOf64Kb_areAccepted_andOneByteMoreIsRefused() {
    // Four lines of 16,382 bytes plus CRLF make 65,536 bytes of header lines.
    String line = "X: " + "v".repeat(16_382 - 3) + "\r\n";
    String exact = "GET / HTTP/1.1\r\n" + line.repeat(4);
    assertThat(head(exact + "\r\n").fields()).hasSize(4);

    ParseResult<RequestHead> result = RequestHeadParser.parse(bytes(exact + "Y"));

    assertThat(rejected(result).reason()).isEqualTo("the headers are longer than 65536 bytes");
  }

  @Test
  void complete_saysHowManyBytesOfTheLastChunkWereTheHead() {
    byte[] first = bytes("POST / HTTP/1.1\r\nContent-Le");
    byte[] second = bytes("ngth: 5\r\n\r\nhelloGET / HTTP/1.1\r\n");
    RequestHeadParser parser = new RequestHeadParser();

    assertThat(parser.parse(first, 0, first.length)).isInstanceOf(ParseResult.NeedMore.class);
    ParseResult<RequestHead> result = parser.parse(second, 0, second.length);

    assertThat(result).isInstanceOf(ParseResult.Complete.class);
    assertThat(((ParseResult.Complete<RequestHead>) result).bytesConsumed()).isEqualTo(11);
  }
}
