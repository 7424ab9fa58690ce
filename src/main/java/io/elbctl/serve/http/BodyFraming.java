package io.elbctl.serve.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a request's body ends, decided from its head without guessing. A request whose framing
 * headers could be read two ways is refused ({@link Reject}, answered 400 in every desync mode),
 * because no proxy can forward it without choosing one reading for the target.
 *
 * <p>Only fields named exactly {@code Transfer-Encoding} or {@code Content-Length} (ignoring ASCII
 * case) frame the body. Look-alike names ({@code Transfer-Encoding\t}, {@code Content_Length})
 * frame nothing here; the classifier reports them (SuspiciousHeader) and the mode decides.
 *
 * <p>What goes upstream is re-framed: the engine drops every Transfer-Encoding and Content-Length
 * field it received and sends {@link #upstreamField()} instead, so {@code Content-Length: 0005}
 * goes up as {@code 5}, two identical lengths as one, {@code identity, chunked} as {@code chunked},
 * and a Content-Length next to a Transfer-Encoding not at all (RFC 7230 section 3.3.3).
 */
public sealed interface BodyFraming
    permits BodyFraming.None, BodyFraming.ContentLength, BodyFraming.Chunked, BodyFraming.Reject {

  /** No body. */
  record None() implements BodyFraming {
    @Override
    public Optional<HeaderField> upstreamField() {
      return Optional.empty();
    }
  }

  /** Exactly {@code length} bytes follow the head. */
  record ContentLength(long length) implements BodyFraming {
    public ContentLength {
      if (length < 0) {
        throw new IllegalArgumentException("negative length " + length);
      }
    }

    @Override
    public Optional<HeaderField> upstreamField() {
      return Optional.of(HeaderField.of("Content-Length", " " + length));
    }
  }

  /**
   * A chunked body follows (decode it with {@link ChunkedDecoder}).
   *
   * @param codings the transfer codings in order, lower-cased, {@code identity} left out; the last
   *     is {@code chunked}
   */
  record Chunked(List<String> codings) implements BodyFraming {
    public Chunked {
      codings = List.copyOf(codings);
    }

    @Override
    public Optional<HeaderField> upstreamField() {
      return Optional.of(HeaderField.of("Transfer-Encoding", " " + String.join(", ", codings)));
    }
  }

  /**
   * The body cannot be delimited without guessing; answer 400 and close.
   *
   * @param reason one sentence for logs and tests
   */
  record Reject(String reason) implements BodyFraming {
    @Override
    public Optional<HeaderField> upstreamField() {
      return Optional.empty();
    }
  }

  /** The framing field to send upstream in place of the received ones, if any. */
  Optional<HeaderField> upstreamField();

  /** The framing of a request with this head. */
  static BodyFraming of(RequestHead head) {
    List<HeaderField> te = head.fieldsNamed("Transfer-Encoding");
    List<HeaderField> cl = head.fieldsNamed("Content-Length");
    OptionalLong length = OptionalLong.empty();
    for (HeaderField field : cl) {
      OptionalLong value = ContentLengthValue.parse(field.rawValue());
      if (value.isEmpty()) {
        return new Reject(
            "Content-Length is not a decimal number: " + HttpBytes.quote(field.rawValue()));
      }
      if (length.isPresent() && length.getAsLong() != value.getAsLong()) {
        return new Reject("Content-Length fields disagree");
      }
      length = value;
    }
    if (te.isEmpty()) {
      return length.isPresent() ? new ContentLength(length.getAsLong()) : new None();
    }
    List<String> codings = new ArrayList<>();
    for (String coding : TransferCodings.of(te)) {
      if (coding == null) {
        return new Reject("Transfer-Encoding names an unknown or empty coding");
      }
      if (codings.contains(TransferCodings.CHUNKED)) {
        return new Reject(
            coding.equals(TransferCodings.CHUNKED)
                ? "Transfer-Encoding names chunked twice"
                : "chunked is not the last Transfer-Encoding coding");
      }
      if (!coding.equals(TransferCodings.IDENTITY)) {
        codings.add(coding);
      }
    }
    if (!codings.contains(TransferCodings.CHUNKED)) {
      return new Reject("Transfer-Encoding does not end with chunked, so the body has no end");
    }
    return new Chunked(codings);
  }
}
