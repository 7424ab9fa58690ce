package io.elbctl.serve;

import io.elbctl.serve.http.ResponseHeadParser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.ReferenceCountUtil;

/**
 * Sits on every target connection: hands what arrives to the request in flight, and closes the
 * connection when anything arrives while it is idle in the pool.
 */
final class TargetHandler extends ChannelInboundHandlerAdapter {
  private final TargetConnections pool;
  private ResponseHeadParser parser;
  TargetCall call;
  long idleSince;
  TargetConnections.Key poolKey;

  /** The silence of the target during a call: one timer for all the calls on this connection. */
  final Deadline timer;

  TargetHandler(TargetConnections pool, EventLoop loop) {
    this.pool = pool;
    this.timer =
        new Deadline(
            loop,
            () -> {
              if (call != null) {
                call.timedOut();
              }
            });
  }

  /** How many bytes of a read the head parser is given at a time. */
  static final int SCRATCH_BYTES = 8192;

  private byte[] scratch;

  /**
   * The array a response head is parsed from, reused for every read (the parser copies what it
   * keeps).
   */
  byte[] scratch() {
    if (scratch == null) {
      scratch = new byte[SCRATCH_BYTES];
    }
    return scratch;
  }

  /** A parser for the next response head on this connection. */
  ResponseHeadParser responseParser() {
    if (parser == null) {
      parser = new ResponseHeadParser();
    } else {
      parser.reset();
    }
    return parser;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    TargetCall current = call;
    if (current == null) {
      // An unsolicited response (or anything) on an idle connection: it can belong to no request.
      ReferenceCountUtil.release(msg);
      if (poolKey != null) {
        pool.forget(ctx.channel(), poolKey);
      }
      ctx.close();
      return;
    }
    current.received((ByteBuf) msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    TargetCall current = call;
    if (current != null) {
      current.flushClient();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    timer.stop();
    TargetCall current = call;
    if (current != null) {
      current.targetClosed();
    } else if (poolKey != null) {
      pool.forget(ctx.channel(), poolKey);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    TargetCall current = call;
    if (current != null) {
      current.targetWritable(ctx.channel().isWritable());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
