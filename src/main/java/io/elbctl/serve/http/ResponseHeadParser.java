package io.elbctl.serve.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Incremental parser and validator of an upstream response head on raw bytes. Whatever it rejects
 * the caller answers with 502 and does not relay: a status line that is not {@code HTTP/1.x <3
 * digits> [reason]}, a bare CR, LF, NUL or other control character in a field or the reason, a
 * field name that is not a token (whitespace before the colon included), a line without a colon or
 * beginning with whitespace (obsolete line folding), both Content-Length and Transfer-Encoding,
 * more than one Content-Length field (even with equal values), a Content-Length that is not a
 * decimal number, a Transfer-Encoding with an unknown coding or chunked twice, and heads over the
 * request limits (16 KB per line, 64 KB of header lines). One parser reads one head at a time
 * ({@link #reset} readies it for the next); a 1xx informational head is a complete head too, and
 * the caller parses the next one after it.
 */
public final class ResponseHeadParser {
  /** The status the caller answers when an upstream response is rejected. */
  public static final int REJECT_STATUS = 502;

  private final LineScanner scanner =
      new LineScanner(
          "status line",
          RequestHeadParser.MAX_REQUEST_LINE,
          RequestHeadParser.MAX_HEADER_LINE,
          RequestHeadParser.MAX_HEADERS,
          false);
  private final List<HeaderField> fields = new ArrayList<>();
  private String version;
  private int status;
  private byte[] reasonPhrase;
  private String malformed;
  private ParseResult<ResponseHead> result;

  /** Parses the whole head in {@code bytes} at once. */
  public static ParseResult<ResponseHead> parse(byte[] bytes) {
    return new ResponseHeadParser().parse(bytes, 0, bytes.length);
  }

  /** Forgets the head it read (or was reading), so the next one is read with the same buffers. */
  public void reset() {
    scanner.reset();
    fields.clear();
    version = null;
    status = 0;
    reasonPhrase = null;
    malformed = null;
    result = null;
  }

  /** Feeds the next chunk of bytes; see {@link RequestHeadParser#parse(byte[], int, int)}. */
  public ParseResult<ResponseHead> parse(byte[] buf, int off, int len) {
    if (result != null) {
      throw new IllegalStateException("this parser already finished its head: " + result);
    }
    int taken = scanner.feed(buf, off, len, this::line);
    if (malformed == null && taken < 0) {
      malformed = scanner.rejection();
    }
    if (malformed == null && scanner.ended()) {
      malformed = framingProblem();
    }
    if (malformed != null) {
      return result = new ParseResult.Rejected<>(REJECT_STATUS, malformed);
    }
    if (!scanner.ended()) {
      return new ParseResult.NeedMore<>();
    }
    return result =
        new ParseResult.Complete<>(new ResponseHead(version, status, reasonPhrase, fields), taken);
  }

  private boolean line(byte[] bytes, int from, int to) {
    if (version == null) {
      return statusLine(bytes, from, to);
    }
    if (from == to) {
      return false;
    }
    malformed = fieldProblem(bytes, from, to);
    return malformed == null;
  }

  private boolean statusLine(byte[] bytes, int from, int to) {
    String text = HttpBytes.latin1(bytes, from, to);
    boolean shape =
        text.length() >= 12
            && (text.startsWith("HTTP/1.1 ") || text.startsWith("HTTP/1.0 "))
            && HttpBytes.isDigit(bytes[from + 9])
            && HttpBytes.isDigit(bytes[from + 10])
            && HttpBytes.isDigit(bytes[from + 11])
            && (text.length() == 12 || text.charAt(12) == ' ');
    if (!shape) {
      malformed = "the status line is not HTTP/1.x followed by a three-digit status";
      return false;
    }
    for (int i = from + 12; i < to; i++) {
      if (!HttpBytes.isValueChar(bytes[i])) {
        malformed = "the reason phrase holds a control character";
        return false;
      }
    }
    version = text.substring(0, 8);
    status = Integer.parseInt(text.substring(9, 12));
    if (status < 100) {
      malformed = "the status code " + status + " is below 100";
      return false;
    }
    reasonPhrase = Arrays.copyOfRange(bytes, Math.min(from + 13, to), to);
    return true;
  }

  private String fieldProblem(byte[] bytes, int from, int to) {
    if (HttpBytes.isWhitespace(bytes[from])) {
      return "a header line begins with whitespace (obsolete line folding)";
    }
    int colon = RequestHeadParser.indexOf(bytes, from, to, HttpBytes.COLON);
    if (colon < 0) {
      return "a header line has no colon";
    }
    if (!HttpBytes.isToken(bytes, from, colon)) {
      return "the header name "
          + HttpBytes.quote(Arrays.copyOfRange(bytes, from, colon))
          + " is not a token";
    }
    for (int i = colon + 1; i < to; i++) {
      if (!HttpBytes.isValueChar(bytes[i])) {
        return "the value of "
            + HttpBytes.latin1(bytes, from, colon)
            + " holds a CR, LF, NUL or other control character";
      }
    }
    fields.add(
        HeaderField.adopt(
            Arrays.copyOfRange(bytes, from, colon), Arrays.copyOfRange(bytes, colon + 1, to)));
    return null;
  }

  private String framingProblem() {
    List<HeaderField> te = new ArrayList<>();
    List<HeaderField> cl = new ArrayList<>();
    for (HeaderField field : fields) {
      if (field.isNamed("Transfer-Encoding")) {
        te.add(field);
      } else if (field.isNamed("Content-Length")) {
        cl.add(field);
      }
    }
    if (!te.isEmpty() && !cl.isEmpty()) {
      return "the response has both Content-Length and Transfer-Encoding";
    }
    if (cl.size() > 1) {
      return "the response has " + cl.size() + " Content-Length fields";
    }
    if (cl.size() == 1 && ContentLengthValue.parse(cl.get(0).rawValue()).isEmpty()) {
      return "the response's Content-Length is not a decimal number";
    }
    int chunked = 0;
    for (String coding : TransferCodings.of(te)) {
      if (coding == null) {
        return "the response's Transfer-Encoding names an unknown or empty coding";
      }
      if (coding.equals(TransferCodings.CHUNKED) && ++chunked > 1) {
        return "the response's Transfer-Encoding names chunked twice";
      }
    }
    return null;
  }
}
