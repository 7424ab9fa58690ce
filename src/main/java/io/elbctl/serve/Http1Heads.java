package io.elbctl.serve;

import io.elbctl.sim.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes HTTP/1.1 response heads and chunk framing straight into buffers, byte per character
 * (ISO-8859-1, so a header value's obs-text bytes go out as they came in).
 */
final class Http1Heads {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  /** {@code HTTP/1.1 <status> <reason>\r\n} for each status with its usual reason phrase. */
  private static final byte[][] STATUS_LINES = new byte[600][];

  static {
    for (int status = 100; status < STATUS_LINES.length; status++) {
      STATUS_LINES[status] =
          ("HTTP/1.1 " + status + " " + AlbPages.reason(status) + "\r\n")
              .getBytes(StandardCharsets.ISO_8859_1);
    }
  }

  private Http1Heads() {}

  /**
   * A relayed answer's head: the status line, the target's headers, then {@code framing} (a
   * Transfer-Encoding line or null) and the Connection field.
   */
  static ByteBuf relayed(
      ByteBufAllocator alloc,
      int status,
      String reason,
      List<Request.Header> headers,
      boolean chunked,
      String connection) {
    ByteBuf head = statusLine(alloc, status, reason);
    for (Request.Header header : headers) {
      field(head, header.name(), header.value());
    }
    if (chunked) {
      field(head, "Transfer-Encoding", "chunked");
    }
    return end(head, connection);
  }

  /** The head of an answer the load balancer writes itself. */
  static ByteBuf own(
      ByteBufAllocator alloc,
      int status,
      String contentType,
      int length,
      String location,
      boolean keep) {
    ByteBuf head = statusLine(alloc, status, AlbPages.reason(status));
    field(head, "Server", "awselb/2.0");
    field(head, "Date", AlbPages.date());
    field(head, "Content-Type", contentType);
    head.writeCharSequence("Content-Length: ", StandardCharsets.ISO_8859_1);
    decimal(head, length);
    crlf(head);
    if (location != null) {
      field(head, "Location", location);
    }
    return end(head, keep ? "keep-alive" : "close");
  }

  /** Whether a relayed answer with these headers states its own length. */
  static boolean hasLength(List<Request.Header> headers) {
    for (Request.Header header : headers) {
      if (header.name().equalsIgnoreCase("content-length")) {
        return true;
      }
    }
    return false;
  }

  /** {@code data} framed as one chunk of a chunked body; takes ownership of {@code data}. */
  static ByteBuf chunk(ByteBufAllocator alloc, ByteBuf data) {
    ByteBuf size = alloc.buffer(10);
    size.writeCharSequence(Integer.toHexString(data.readableBytes()), StandardCharsets.ISO_8859_1);
    crlf(size);
    return Unpooled.wrappedBuffer(size, data, Unpooled.wrappedBuffer(CRLF));
  }

  /** The chunk that ends a chunked body, without trailers. */
  static ByteBuf lastChunk() {
    return Unpooled.wrappedBuffer(LAST_CHUNK);
  }

  private static ByteBuf statusLine(ByteBufAllocator alloc, int status, String reason) {
    ByteBuf head = alloc.buffer(256);
    if (status >= 100 && status < STATUS_LINES.length && reason.equals(AlbPages.reason(status))) {
      return head.writeBytes(STATUS_LINES[status]);
    }
    head.writeCharSequence("HTTP/1.1 ", StandardCharsets.ISO_8859_1);
    decimal(head, status);
    head.writeByte(' ');
    head.writeCharSequence(reason, StandardCharsets.ISO_8859_1);
    return crlf(head);
  }

  private static void field(ByteBuf head, String name, String value) {
    head.writeCharSequence(name, StandardCharsets.ISO_8859_1);
    head.writeByte(':').writeByte(' ');
    head.writeCharSequence(value, StandardCharsets.ISO_8859_1);
    crlf(head);
  }

  private static ByteBuf end(ByteBuf head, String connection) {
    field(head, "Connection", connection);
    return crlf(head);
  }

  private static void decimal(ByteBuf head, long value) {
    head.writeCharSequence(Long.toString(value), StandardCharsets.ISO_8859_1);
  }

  private static ByteBuf crlf(ByteBuf buf) {
    return buf.writeByte('\r').writeByte('\n');
  }
}
