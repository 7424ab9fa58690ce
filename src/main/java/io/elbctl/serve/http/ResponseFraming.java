package io.elbctl.serve.http;

import java.util.List;
import java.util.OptionalLong;

/** Where an upstream response's body ends (RFC 7230 section 3.3.3), for a validated head. */
public sealed interface ResponseFraming
    permits ResponseFraming.None,
        ResponseFraming.Length,
        ResponseFraming.Chunked,
        ResponseFraming.UntilClose {

  /** No body: a response to HEAD, a 1xx, 204 or 304 (a 101 hands the connection over). */
  record None() implements ResponseFraming {}

  /** Exactly {@code length} bytes. */
  record Length(long length) implements ResponseFraming {}

  /** A chunked body (decode it with {@link ChunkedDecoder}). */
  record Chunked() implements ResponseFraming {}

  /** The body runs until the target closes the connection, which then cannot be reused. */
  record UntilClose() implements ResponseFraming {}

  /** The framing of {@code head}, a response to a request with method {@code requestMethod}. */
  static ResponseFraming of(ResponseHead head, String requestMethod) {
    int status = head.status();
    if (requestMethod.equals("HEAD") || status < 200 || status == 204 || status == 304) {
      return new None();
    }
    List<String> codings = TransferCodings.of(head.fieldsNamed("Transfer-Encoding"));
    if (!codings.isEmpty()) {
      return TransferCodings.CHUNKED.equals(codings.get(codings.size() - 1))
          ? new Chunked()
          : new UntilClose();
    }
    List<HeaderField> cl = head.fieldsNamed("Content-Length");
    if (cl.size() == 1) {
      OptionalLong length = ContentLengthValue.parse(cl.get(0).rawValue());
      if (length.isEmpty()) {
        throw new IllegalArgumentException("a head the parser did not validate: " + head);
      }
      return new Length(length.getAsLong());
    }
    return new UntilClose();
  }
}
