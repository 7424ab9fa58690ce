package io.elbctl.serve.http;

import java.util.Arrays;

/**
 * Collects the bytes of a message head chunk by chunk and cuts it into lines. Only CRLF ends a
 * line: a bare CR or a bare LF is an ordinary byte of its line, left for the classifier or
 * validator to see, never a line break (servers disagree on what they mean, which is how requests
 * get smuggled). Two LFs in a row end nothing either; they are refused at once, so a client using
 * bare LF line endings gets an answer instead of a wait. Size limits are checked as bytes arrive,
 * so an oversized line is refused before it is complete.
 */
final class LineScanner {
  /** Receives each complete line without its CRLF; returns false at the line that ends the head. */
  interface LineSink {
    boolean line(byte[] bytes, int from, int to);
  }

  private final String firstLineName;
  private final int maxFirstLine;
  private final int maxFieldLine;
  private final int maxFieldSection;
  private byte[] head = new byte[512];
  private int size;
  private int lineStart;
  private int fieldSectionStart = -1;
  private final boolean skipLeadingEmptyLines;
  private boolean ended;
  private String rejection;

  /**
   * @param firstLineName what the first line is called in messages ("request line")
   * @param maxFirstLine most bytes before the first line's CRLF, empty lines skipped before it
   *     included
   * @param maxFieldLine longest header line, CRLF excluded
   * @param maxFieldSection most bytes in all header lines together, their CRLFs included
   * @param skipLeadingEmptyLines whether empty lines before the first line are ignored (RFC 7230
   *     section 3.5 asks servers to ignore at least one)
   */
  LineScanner(
      String firstLineName,
      int maxFirstLine,
      int maxFieldLine,
      int maxFieldSection,
      boolean skipLeadingEmptyLines) {
    this.firstLineName = firstLineName;
    this.maxFirstLine = maxFirstLine;
    this.maxFieldLine = maxFieldLine;
    this.maxFieldSection = maxFieldSection;
    this.skipLeadingEmptyLines = skipLeadingEmptyLines;
  }

  /** Forgets the head so far, for the next one; the buffer is kept. */
  void reset() {
    size = 0;
    lineStart = 0;
    fieldSectionStart = -1;
    ended = false;
    rejection = null;
  }

  /** Why the head was refused, once {@link #feed} returned -1. */
  String rejection() {
    return rejection;
  }

  /** True once the line ending the head was seen. */
  boolean ended() {
    return ended;
  }

  /**
   * Takes bytes until the head ends or the chunk is exhausted.
   *
   * @return the number of bytes taken (all of them unless {@link #ended()} became true), or -1 if
   *     the head is refused (see {@link #rejection()})
   */
  int feed(byte[] in, int off, int len, LineSink sink) {
    if (ended || rejection != null) {
      throw new IllegalStateException("the head is already " + (ended ? "complete" : "refused"));
    }
    for (int i = 0; i < len; i++) {
      byte b = in[off + i];
      append(b);
      if (b != HttpBytes.LF) {
        // Only a byte that passes one of these bounds can break a limit (see withinLimits).
        boolean near =
            fieldSectionStart < 0
                ? size > maxFirstLine
                : size - lineStart > maxFieldLine || size - fieldSectionStart > maxFieldSection;
        if (near && !withinLimits(false)) {
          return -1;
        }
        continue;
      }
      boolean afterCr = size - lineStart >= 2 && head[size - 2] == HttpBytes.CR;
      boolean afterLf = size - lineStart >= 2 && head[size - 2] == HttpBytes.LF;
      if (afterLf) {
        rejection = "the head uses bare LF line endings; only CRLF ends a line";
        return -1;
      }
      if (!withinLimits(afterCr)) {
        return -1;
      }
      if (afterCr && !completeLine(size - 2, sink)) {
        ended = true;
        return i + 1;
      }
    }
    return len;
  }

  private boolean completeLine(int lineEnd, LineSink sink) {
    int from = lineStart;
    lineStart = size;
    if (fieldSectionStart < 0) {
      if (from == lineEnd && skipLeadingEmptyLines) {
        return true;
      }
      fieldSectionStart = size;
    }
    return sink.line(head, from, lineEnd);
  }

  /** Checks the limits with the byte just appended; a line's CR and LF are not its content. */
  private boolean withinLimits(boolean crlfJustEnded) {
    int ending = crlfJustEnded ? 2 : head[size - 1] == HttpBytes.CR ? 1 : 0;
    int content = size - lineStart - ending;
    if (fieldSectionStart < 0) {
      if (size - ending > maxFirstLine) {
        rejection = "the " + firstLineName + " is longer than " + maxFirstLine + " bytes";
        return false;
      }
      return true;
    }
    if (content > maxFieldLine) {
      rejection = "a header line is longer than " + maxFieldLine + " bytes";
      return false;
    }
    int section =
        content == 0
            ? lineStart - fieldSectionStart
            : size - fieldSectionStart - (crlfJustEnded ? 0 : ending);
    if (section > maxFieldSection) {
      rejection = "the headers are longer than " + maxFieldSection + " bytes";
      return false;
    }
    return true;
  }

  private void append(byte b) {
    if (size == head.length) {
      head = Arrays.copyOf(head, head.length * 2);
    }
    head[size++] = b;
  }
}
