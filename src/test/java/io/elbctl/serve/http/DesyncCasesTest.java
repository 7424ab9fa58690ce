package io.elbctl.serve.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of http-desync-guardian's suite, sent as bytes through the parser and classifier. */
class DesyncCasesTest {
  static Stream<DesyncCases.Case> cases() {
    return DesyncCases.all().stream();
  }

  @Test
  void table_holdsEveryCaseOfTheSuite() {
    List<DesyncCases.Case> cases = DesyncCases.all();
    assertThat(cases).hasSize(DesyncCases.COUNT).hasSize(158);
    assertThat(cases.stream().map(DesyncCases.Case::id).distinct()).hasSize(158);
  }

  @Test
  void table_usesOnlyKnownReasonCodes_andEachWithItsTier() {
    for (DesyncCases.Case c : DesyncCases.all()) {
      Reason reason = Reason.fromCode(c.expected().reason()).orElseThrow();
      assertThat(reason.tier()).as(c.toString()).isEqualTo(c.expected().tier());
      assertThat(reason.albLogged()).as(c.toString()).isTrue();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void requestBytes_getTheSuitesTierAndReason(DesyncCases.Case c) {
    RequestHead head = parsed(c.request());

    assertThat(DesyncClassifier.classify(head)).as(head.toString()).isEqualTo(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void requestBytesWithHost_getTheSameVerdict(DesyncCases.Case c) {
    RequestHead head = parsed(c.request("localhost"));

    assertThat(DesyncClassifier.classify(head)).as(head.toString()).isEqualTo(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void parsedFields_getTheSameVerdict(DesyncCases.Case c) {
    // The suite's own harness classifies the fields as given; a head built from them must agree.
    RequestHead head = new RequestHead(c.method(), c.target(), c.version(), c.fields());

    assertThat(DesyncClassifier.classify(head)).as(head.toString()).isEqualTo(c.expected());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void requestBytes_getTheTablesFraming(DesyncCases.Case c) {
    BodyFraming framing = BodyFraming.of(parsed(c.request()));

    assertThat(describe(framing)).as(c.toString()).isEqualTo(c.framing());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void requestBytesWithHost_areRoutedAsTheTableSays(DesyncCases.Case c) {
    RequestTarget target = RequestTarget.of(parsed(c.request("localhost")));

    assertThat(target instanceof RequestTarget.Routable)
        .as(target.toString())
        .isEqualTo(c.routable());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void requestBytes_parseTheSameWhenFedOneByteAtATime(DesyncCases.Case c) {
    byte[] bytes = c.request();
    RequestHeadParser parser = new RequestHeadParser();
    ParseResult<RequestHead> result = null;
    int fed = 0;
    while (!(result instanceof ParseResult.Complete)) {
      result = parser.parse(bytes, fed, 1);
      assertThat(result).as(c.toString()).isNotInstanceOf(ParseResult.Rejected.class);
      fed++;
    }
    assertThat(((ParseResult.Complete<RequestHead>) result).head()).isEqualTo(parsed(bytes));
  }

  @Test
  void everyAlbReasonCode_isExercisedByTheTable() {
    Collection<String> inTable =
        DesyncCases.all().stream().map(c -> c.expected().reason()).toList();
    assertThat(
            Arrays.stream(Reason.values())
                .filter(Reason::albLogged)
                .map(Reason::code)
                .filter(code -> !inTable.contains(code)))
        .isEmpty();
  }

  static RequestHead parsed(byte[] bytes) {
    ParseResult<RequestHead> result = RequestHeadParser.parse(bytes);
    assertThat(result).as(HttpBytes.quote(bytes)).isInstanceOf(ParseResult.Complete.class);
    return ((ParseResult.Complete<RequestHead>) result).head();
  }

  static String describe(BodyFraming framing) {
    if (framing instanceof BodyFraming.None) {
      return "none";
    }
    if (framing instanceof BodyFraming.ContentLength length) {
      return "length:" + length.length();
    }
    if (framing instanceof BodyFraming.Chunked) {
      return "chunked";
    }
    if (framing instanceof BodyFraming.Reject) {
      return "reject";
    }
    throw new AssertionError(framing);
  }
}
