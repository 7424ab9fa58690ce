package io.elbctl.serve;

import io.elbctl.serve.http.HeaderField;
import io.elbctl.serve.http.ParseResult;
import io.elbctl.serve.http.ResponseFraming;
import io.elbctl.serve.http.ResponseHead;
import io.elbctl.serve.http.ResponseHeadParser;
import io.elbctl.sim.Request;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A target's response head, validated by {@link ResponseHeadParser} before any of it is relayed,
 * with what the load balancer relays of it and how its body is framed.
 *
 * @param headers the headers to relay: hop-by-hop ones and those named in Connection removed
 */
record TargetResponse(
    int status,
    String reason,
    List<Request.Header> headers,
    ResponseFraming framing,
    boolean keepAlive) {

  /** The response in {@code head}, or a rejection (502) when it must not be relayed. */
  static ParseResult<TargetResponse> of(ParseResult<ResponseHead> parsed, String requestMethod) {
    if (parsed instanceof ParseResult.Complete<ResponseHead> complete) {
      ResponseHead head = complete.head();
      return new ParseResult.Complete<>(from(head, requestMethod), complete.bytesConsumed());
    }
    if (parsed instanceof ParseResult.Rejected<ResponseHead> rejected) {
      return new ParseResult.Rejected<>(rejected.status(), rejected.reason());
    }
    return new ParseResult.NeedMore<>();
  }

  private static TargetResponse from(ResponseHead head, String requestMethod) {
    boolean http10 = head.version().equals("HTTP/1.0");
    boolean close = http10;
    List<String> named = new ArrayList<>();
    for (HeaderField field : head.fieldsNamed("Connection")) {
      for (String token : field.trimmedValue().split(",")) {
        String t = token.trim().toLowerCase(Locale.ROOT);
        close |= t.equals("close");
        close &= !(http10 && t.equals("keep-alive"));
        named.add(t);
      }
    }
    List<Request.Header> relayed = new ArrayList<>(head.fields().size());
    for (HeaderField field : head.fields()) {
      String name = field.nameText();
      boolean upgrade = head.status() == 101 && name.equalsIgnoreCase("upgrade");
      if (upgrade || !Exchange.hopByHop(name) && !named.contains(name.toLowerCase(Locale.ROOT))) {
        relayed.add(new Request.Header(name, field.trimmedValue()));
      }
    }
    byte[] phrase = head.reasonPhrase();
    String reason =
        phrase.length == 0
            ? AlbPages.reason(head.status())
            : new String(phrase, StandardCharsets.ISO_8859_1);
    ResponseFraming framing = ResponseFraming.of(head, requestMethod);
    return new TargetResponse(head.status(), reason, relayed, framing, !close);
  }

  BodyReader bodyReader() {
    if (framing instanceof ResponseFraming.Chunked) {
      return BodyReader.chunked();
    }
    if (framing instanceof ResponseFraming.Length length) {
      return BodyReader.fixed(length.length());
    }
    if (framing instanceof ResponseFraming.UntilClose) {
      return BodyReader.untilClose();
    }
    return BodyReader.none();
  }
}
