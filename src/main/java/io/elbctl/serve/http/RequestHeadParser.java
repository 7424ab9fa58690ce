package io.elbctl.serve.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Incremental parser of one HTTP/1.x request head on raw bytes, fed chunk by chunk as they arrive.
 * It keeps every byte (see {@link RequestHead}) and judges nothing that the {@link
 * DesyncClassifier} judges: a bare CR, LF or NUL inside a line, control characters, spaces in the
 * target and odd field names all reach the classifier intact.
 *
 * <p>It refuses (400, in every desync mode, as ALB's front end does) only what cannot be parsed
 * into a head at all: a request line or header line over ALB's 16 KB, header lines over ALB's 64 KB
 * together, a request line without a target, a header line without a colon (which includes an
 * obsolete line fold that has no colon), and bare LF line endings. One parser reads one head at a
 * time; {@link #reset} readies it for the next.
 */
public final class RequestHeadParser {
  /** ALB's limit on the request line: 16 KB. */
  public static final int MAX_REQUEST_LINE = 16 * 1024;

  /** ALB's limit on one header line: 16 KB. */
  public static final int MAX_HEADER_LINE = 16 * 1024;

  /** ALB's limit on all header lines together: 64 KB. */
  public static final int MAX_HEADERS = 64 * 1024;

  /** The status ALB answers to a head it cannot parse or that exceeds its limits. */
  public static final int REJECT_STATUS = 400;

  private final LineScanner scanner =
      new LineScanner("request line", MAX_REQUEST_LINE, MAX_HEADER_LINE, MAX_HEADERS, true);
  private final List<HeaderField> fields = new ArrayList<>();
  private byte[] method;
  private byte[] target;
  private byte[] version;
  private String malformed;
  private ParseResult<RequestHead> result;

  /** Parses the whole head in {@code bytes} at once (for tests and already-buffered input). */
  public static ParseResult<RequestHead> parse(byte[] bytes) {
    return new RequestHeadParser().parse(bytes, 0, bytes.length);
  }

  /** Forgets the head it read (or was reading), so the next one is read with the same buffers. */
  public void reset() {
    scanner.reset();
    fields.clear();
    method = null;
    target = null;
    version = null;
    malformed = null;
    result = null;
  }

  /**
   * Feeds the next chunk of bytes.
   *
   * @return {@link ParseResult.NeedMore} when every byte was taken and the head is not complete;
   *     {@link ParseResult.Complete} with the count of this chunk's bytes that belong to the head;
   *     {@link ParseResult.Rejected} with 400 when the head can never be accepted
   */
  public ParseResult<RequestHead> parse(byte[] buf, int off, int len) {
    if (result != null) {
      throw new IllegalStateException("this parser already finished its head: " + result);
    }
    int taken = scanner.feed(buf, off, len, this::line);
    if (malformed != null) {
      return result = new ParseResult.Rejected<>(REJECT_STATUS, malformed);
    }
    if (taken < 0) {
      return result = new ParseResult.Rejected<>(REJECT_STATUS, scanner.rejection());
    }
    if (!scanner.ended()) {
      return new ParseResult.NeedMore<>();
    }
    RequestHead head = new RequestHead(method, target, version, fields);
    return result = new ParseResult.Complete<>(head, taken);
  }

  private boolean line(byte[] bytes, int from, int to) {
    if (method == null) {
      return requestLine(bytes, from, to);
    }
    if (from == to) {
      return false;
    }
    int colon = indexOf(bytes, from, to, HttpBytes.COLON);
    if (colon < 0) {
      malformed = "a header line has no colon";
      return false;
    }
    fields.add(
        HeaderField.adopt(
            Arrays.copyOfRange(bytes, from, colon), Arrays.copyOfRange(bytes, colon + 1, to)));
    return true;
  }

  /**
   * Splits the request line at its first SP (method) and at the last SP before its trailing
   * whitespace (version).
   */
  private boolean requestLine(byte[] bytes, int from, int to) {
    int firstSpace = indexOf(bytes, from, to, HttpBytes.SP);
    if (firstSpace < 0) {
      malformed = "the request line has no request target";
      return false;
    }
    method = Arrays.copyOfRange(bytes, from, firstSpace);
    int rest = firstSpace + 1;
    int end = HttpBytes.trimWhitespaceEnd(bytes, rest, to);
    int lastSpace = lastIndexOf(bytes, rest, end, HttpBytes.SP);
    if (lastSpace >= 0) {
      target = Arrays.copyOfRange(bytes, rest, lastSpace);
      version = Arrays.copyOfRange(bytes, lastSpace + 1, to);
    } else if (end < to && bytes[end] == HttpBytes.SP) {
      target = Arrays.copyOfRange(bytes, rest, end);
      version = Arrays.copyOfRange(bytes, end + 1, to);
    } else {
      target = Arrays.copyOfRange(bytes, rest, to);
      version = new byte[0];
    }
    return true;
  }

  static int indexOf(byte[] bytes, int from, int to, byte wanted) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(byte[] bytes, int from, int to, byte wanted) {
    for (int i = to - 1; i >= from; i--) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }
}
