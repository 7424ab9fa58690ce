package io.elbctl.serve;

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

  /** RFC 9112 section 7.1, read one byte of framing at a time and data in slices. */
  private static final class Chunked extends BodyReader {
    private static final int SIZE = 0;
    private static final int EXTENSION = 1;
    private static final int SIZE_LF = 2;
    private static final int DATA = 3;
    private static final int DATA_CR = 4;
    private static final int DATA_LF = 5;
    private static final int TRAILER = 6;
    private static final int TRAILER_LF = 7;
    private static final int MAX_LINE = 16 * 1024;

    private int state = SIZE;
    private long size;
    private int digits;
    private int lineLength;
    private boolean finished;

    @Override
    int read(ByteBuf in, Consumer<ByteBuf> sink) {
      while (in.isReadable()) {
        if (state == DATA) {
          int n = (int) Math.min(size, in.readableBytes());
          sink.accept(in.readRetainedSlice(n));
          size -= n;
          if (size == 0) {
            state = DATA_CR;
          }
          continue;
        }
        byte b = in.readByte();
        if (!step(b)) {
          return ERROR;
        }
        if (finished) {
          return DONE;
        }
      }
      return MORE;
    }

    private boolean step(byte b) {
      switch (state) {
        case SIZE:
          int digit = Character.digit(b, 16);
          if (digit >= 0 && b < 0x80) {
            if (++digits > 15) {
              return false;
            }
            size = size * 16 + digit;
            return true;
          }
          if (digits == 0) {
            return false;
          }
          if (b == ';') {
            state = EXTENSION;
            return true;
          }
          if (b == '\r') {
            state = SIZE_LF;
            return true;
          }
          return false;
        case EXTENSION:
          if (b == '\r') {
            state = SIZE_LF;
            return true;
          }
          return ++lineLength < MAX_LINE && (b == '\t' || (b >= 0x20 && b != 0x7f));
        case SIZE_LF:
          if (b != '\n') {
            return false;
          }
          digits = 0;
          lineLength = 0;
          state = size == 0 ? TRAILER : DATA;
          return true;
        case DATA_CR:
          state = DATA_LF;
          return b == '\r';
        case DATA_LF:
          state = SIZE;
          return b == '\n';
        case TRAILER:
          if (b == '\r') {
            state = TRAILER_LF;
            return true;
          }
          if (b == '\n' || b == 0 || ++lineLength > MAX_LINE) {
            return false;
          }
          return true;
        case TRAILER_LF:
          if (b != '\n') {
            return false;
          }
          if (lineLength == 0) {
            finished = true;
          }
          lineLength = 0;
          state = TRAILER;
          return true;
        default:
          throw new AssertionError(state);
      }
    }
  }
}
