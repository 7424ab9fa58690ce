package io.elbctl.serve.http;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A strict, incremental decoder of a chunked body (RFC 7230 section 4.1), fed the bytes after the
 * head chunk by chunk. It reports which bytes are chunk data, so the engine forwards a body it
 * frames itself and never the client's framing bytes.
 *
 * <p>Strict means: a chunk size is hex digits only, then optional SP/HTAB, then either CRLF or
 * {@code ;} extensions made of visible characters and SP/HTAB (so {@code 0x5}, {@code 5 junk},
 * {@code 0\x005} and an empty size are refused); at most {@value #MAX_SIZE_LINE} bytes per size
 * line and sizes up to {@link Long#MAX_VALUE}; chunk data is followed by exactly CRLF; trailer
 * fields are {@code token ":" value} lines with visible characters, SP and HTAB only, none named
 * Transfer-Encoding, Content-Length or Host, at most {@value #MAX_TRAILERS} bytes together.
 *
 * <p>The guarantee: a call that finds the body malformed reports no data at all, even data of
 * chunks before the fault in the same call. So a malformed body that arrives within one read is
 * refused before any of its bytes can go upstream; when the fault comes in a later read, the data
 * reported earlier were well-formed chunks, and the engine must then abort the upstream request
 * (close that connection without the last chunk) so the target never sees a complete request.
 */
public final class ChunkedDecoder {
  /** Longest chunk-size line, extensions included, CRLF excluded. */
  public static final int MAX_SIZE_LINE = 4096;

  /** Most bytes of trailer fields, their CRLFs included. */
  public static final int MAX_TRAILERS = 16 * 1024;

  /** Where the decoder stands after a call. */
  public enum Status {
    /** Every byte was taken; the body continues. */
    NEED_MORE,
    /** The body ended; {@link Result#consumed()} bytes of this call belonged to it. */
    COMPLETE,
    /** The body is malformed; answer 400, close, abort anything sent upstream. */
    MALFORMED
  }

  /**
   * A run of chunk data inside the caller's buffer.
   *
   * @param offset index in the buffer passed to {@link #decode}
   * @param length number of bytes
   */
  public record Segment(int offset, int length) {}

  /**
   * What one call found.
   *
   * @param status whether more is needed, the body ended, or it is malformed
   * @param consumed bytes of this call that belong to the body (0 when malformed)
   * @param data chunk data in this call's buffer, in order (empty when malformed)
   * @param trailers trailer fields, reported in the call that completes the body
   * @param error what was malformed, or null
   */
  public record Result(
      Status status, int consumed, List<Segment> data, List<HeaderField> trailers, String error) {
    public Result {
      Objects.requireNonNull(status, "status");
      data = List.copyOf(data);
      trailers = List.copyOf(trailers);
    }
  }

  private enum State {
    SIZE_FIRST_DIGIT,
    SIZE,
    SIZE_WHITESPACE,
    EXTENSION,
    SIZE_LF,
    DATA,
    DATA_CR,
    DATA_LF,
    TRAILER,
    DONE,
    FAILED
  }

  private State state = State.SIZE_FIRST_DIGIT;
  private long size;
  private long remaining;
  private int sizeLineLength;
  private long dataBytes;
  private final ByteArrayOutputStream trailerLine = new ByteArrayOutputStream();
  private int trailerBytes;
  private final List<HeaderField> trailers = new ArrayList<>();

  /** Chunk data bytes seen so far, for the access log. */
  public long dataBytes() {
    return dataBytes;
  }

  /** Decodes the next bytes of the body. */
  public Result decode(byte[] buf, int off, int len) {
    if (state == State.DONE || state == State.FAILED) {
      throw new IllegalStateException("the body is already " + state.name().toLowerCase());
    }
    List<Segment> data = new ArrayList<>();
    int i = off;
    int end = off + len;
    while (i < end) {
      if (state == State.DATA) {
        int n = (int) Math.min(remaining, end - i);
        data.add(new Segment(i, n));
        remaining -= n;
        dataBytes += n;
        i += n;
        if (remaining == 0) {
          state = State.DATA_CR;
        }
        continue;
      }
      String error = step(buf[i++]);
      if (error != null) {
        state = State.FAILED;
        return new Result(Status.MALFORMED, 0, List.of(), List.of(), error);
      }
      if (state == State.DONE) {
        return new Result(Status.COMPLETE, i - off, data, trailers, null);
      }
    }
    return new Result(Status.NEED_MORE, len, data, List.of(), null);
  }

  /** Advances by one framing byte; returns what is wrong, or null. */
  private String step(byte b) {
    boolean sizeLine =
        state == State.SIZE_FIRST_DIGIT
            || state == State.SIZE
            || state == State.SIZE_WHITESPACE
            || state == State.EXTENSION;
    if (sizeLine && ++sizeLineLength > MAX_SIZE_LINE) {
      return "a chunk-size line is longer than " + MAX_SIZE_LINE + " bytes";
    }
    switch (state) {
      case SIZE_FIRST_DIGIT, SIZE -> {
        return sizeByte(b);
      }
      case SIZE_WHITESPACE -> {
        return afterSize(b);
      }
      case EXTENSION -> {
        return extensionByte(b);
      }
      case SIZE_LF -> {
        return sizeLineEnd(b);
      }
      case DATA_CR -> {
        state = State.DATA_LF;
        return b == HttpBytes.CR ? null : "chunk data is not followed by CRLF";
      }
      case DATA_LF -> {
        state = State.SIZE_FIRST_DIGIT;
        return b == HttpBytes.LF ? null : "chunk data is not followed by CRLF";
      }
      case TRAILER -> {
        return trailerByte(b);
      }
      default -> throw new AssertionError(state);
    }
  }

  private String sizeByte(byte b) {
    int digit = HttpBytes.hexValue(b);
    if (digit >= 0) {
      if (size > (Long.MAX_VALUE - digit) / 16) {
        return "a chunk size is larger than " + Long.MAX_VALUE;
      }
      size = size * 16 + digit;
      state = State.SIZE;
      return null;
    }
    if (state == State.SIZE_FIRST_DIGIT) {
      return "a chunk-size line does not start with a hex digit";
    }
    return afterSize(b);
  }

  private String afterSize(byte b) {
    if (HttpBytes.isWhitespace(b)) {
      state = State.SIZE_WHITESPACE;
      return null;
    }
    if (b == ';') {
      state = State.EXTENSION;
      return null;
    }
    if (b == HttpBytes.CR) {
      state = State.SIZE_LF;
      return null;
    }
    return "a chunk size is followed by " + HttpBytes.quote(new byte[] {b}) + ", not ; or CRLF";
  }

  private String extensionByte(byte b) {
    if (b == HttpBytes.CR) {
      state = State.SIZE_LF;
      return null;
    }
    return HttpBytes.isValueChar(b) ? null : "a chunk extension holds a control character";
  }

  private String sizeLineEnd(byte b) {
    if (b != HttpBytes.LF) {
      return "a chunk-size line has a CR without LF";
    }
    sizeLineLength = 0;
    remaining = size;
    size = 0;
    state = remaining == 0 ? State.TRAILER : State.DATA;
    return null;
  }

  private String trailerByte(byte b) {
    if (++trailerBytes > MAX_TRAILERS) {
      return "the trailer fields are longer than " + MAX_TRAILERS + " bytes";
    }
    trailerLine.write(b);
    if (b != HttpBytes.LF) {
      return null;
    }
    byte[] line = trailerLine.toByteArray();
    trailerLine.reset();
    if (line.length < 2 || line[line.length - 2] != HttpBytes.CR) {
      return "a trailer line ends with a bare LF";
    }
    if (line.length == 2) {
      state = State.DONE;
      return null;
    }
    return trailerField(Arrays.copyOf(line, line.length - 2));
  }

  private String trailerField(byte[] line) {
    int colon = RequestHeadParser.indexOf(line, 0, line.length, HttpBytes.COLON);
    if (colon <= 0 || !HttpBytes.isToken(line, 0, colon)) {
      return "a trailer line is not a field with a token name";
    }
    for (int i = colon + 1; i < line.length; i++) {
      if (!HttpBytes.isValueChar(line[i])) {
        return "a trailer field value holds a control character";
      }
    }
    HeaderField field =
        HeaderField.adopt(
            Arrays.copyOf(line, colon), Arrays.copyOfRange(line, colon + 1, line.length));
    for (String framing : List.of("Transfer-Encoding", "Content-Length", "Host")) {
      if (field.isNamed(framing)) {
        return "a trailer field is named " + framing;
      }
    }
    trailers.add(field);
    return null;
  }
}
