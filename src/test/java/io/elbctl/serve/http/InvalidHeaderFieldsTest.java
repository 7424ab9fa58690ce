package io.elbctl.serve.http;

import static io.elbctl.serve.http.RequestHeadParserTest.head;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InvalidHeaderFieldsTest {
  private static final RequestHead HEAD =
      head(
          "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding\t: chunked\r\nX_Custom: 1\r\n"
              + "X.Dot: 2\r\n Lead: 3\r\n\u0001X: 4\r\nContent-Length: 5\r\nX-Ok-9: 6\r\n\r\n");

  @Test
  void enabled_dropsEveryFieldWhoseNameIsNotLettersDigitsAndHyphens() {
    List<HeaderField> forwarded = InvalidHeaderFields.forward(HEAD.fields(), true);

    assertThat(forwarded)
        .extracting(HeaderField::nameText)
        .containsExactly("Host", "Content-Length", "X-Ok-9");
  }

  @Test
  void disabled_forwardsEveryField() {
    assertThat(InvalidHeaderFields.forward(HEAD.fields(), false)).isEqualTo(HEAD.fields());
  }

  @Test
  void classification_isOfTheRequestAsReceived_andDroppingChangesNoFraming() {
    RequestHead dropped =
        new RequestHead(
            HEAD.method(),
            HEAD.target(),
            HEAD.version(),
            InvalidHeaderFields.forward(HEAD.fields(), true));

    assertThat(DesyncClassifier.classify(HEAD).reason()).isEqualTo("SuspiciousHeader");
    assertThat(DesyncClassifier.classify(dropped)).isEqualTo(Classification.COMPLIANT);
    assertThat(BodyFraming.of(dropped)).isEqualTo(BodyFraming.of(HEAD));
  }
}
