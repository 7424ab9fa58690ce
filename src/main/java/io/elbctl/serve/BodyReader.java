package io.elbctl.serve;

import io.elbctl.serve.http.ChunkedDecoder;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * Reads one message body off a connection by its framing (none, a length, chunked, or up to the
 * close) and hands its data on without the framing. Chunked framing is read strictly: a chunk size
 * is hex digits only, optionally followed by an extension, then CRLF; anything else is an error,
 * never guessed at.
 */
abstract class BodyReader {
  static final int MORE = 0;
  static final int DONE = 1;
  static final int ERROR = 2;

  /** Consumes what belongs to the body from {@code in}, giving its data to {@code sink}. */
  abstract int read(ByteBuf in, Consumer<ByteBuf> sink);

  boolean done() {
    return false;
  }

  boolean closeDelimited() {
    return false;
  }

  void endOfStream() {}

  static BodyReader none() {
    return new Fixed(0);
  }

  static BodyReader fixed(long length) {
    return new Fixed(length);
  }

  static BodyReader chunked() {
    return new Chunked();
  }

  static BodyReader untilClose() {
    return new BodyReader() {
      @Override
      int read(ByteBuf in, Consumer<ByteBuf> sink) {
        sink.accept(in.readRetainedSlice(in.readableBytes()));
        return MORE;
      }

      @Override
      boolean closeDelimited() {
        return true;
      }
    };
  }

  private static final class Fixed extends BodyReader {
    private long left;

    Fixed(long length) {
      this.left = length;
    }

    @Override
    int read(ByteBuf in, Consumer<ByteBuf> sink) {
      int n = (int) Math.min(left, in.readableBytes());
      if (n > 0) {
        sink.accept(in.readRetainedSlice(n));
        left -= n;
      }
      return left == 0 ? DONE : MORE;
    }

    @Override
    boolean done() {
      return left == 0;
    }
  }

  /** Chunked framing, read by the strict {@link ChunkedDecoder}; only chunk data is handed on. */
  private static final class Chunked extends BodyReader {
    private final ChunkedDecoder decoder = new ChunkedDecoder();

    @Override
    int read(ByteBuf in, Consumer<ByteBuf> sink) {
      int start = in.readerIndex();
      int length = in.readableBytes();
      byte[] bytes;
      int offset;
      if (in.hasArray()) {
        bytes = in.array();
        offset = in.arrayOffset() + start;
      } else {
        bytes = new byte[length];
        in.getBytes(start, bytes);
        offset = 0;
      }
      ChunkedDecoder.Result result = decoder.decode(bytes, offset, length);
      if (result.status() == ChunkedDecoder.Status.MALFORMED) {
        return ERROR;
      }
      for (ChunkedDecoder.Segment segment : result.data()) {
        sink.accept(in.retainedSlice(start + segment.offset() - offset, segment.length()));
      }
      in.skipBytes(result.consumed());
      return result.status() == ChunkedDecoder.Status.COMPLETE ? DONE : MORE;
    }
  }
}
