package io.elbctl.serve;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import java.time.Instant;

/**
 * What an HTTP/1.x client connection and an HTTP/2 stream share: the listener they came in on, who
 * the client is, the request under way and its access-log line.
 */
abstract class ClientStream extends ChannelInboundHandlerAdapter implements Downstream {
  final LocalAlb alb;
  final Dispatch dispatch;
  final ClientInfo info;
  ChannelHandlerContext ctx;
  Exchange x;
  TargetCall call;

  ClientStream(LocalAlb alb, Dispatch dispatch, ClientInfo info) {
    this.alb = alb;
    this.dispatch = dispatch;
    this.info = info;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public EventLoop loop() {
    return ctx.channel().eventLoop();
  }

  /** A new request, with its access-log entry when there is a log; {@code type} as ALB logs it. */
  Exchange newExchange(String type) {
    AccessLogWriter.Entry entry = alb.accessLog == null ? null : new AccessLogWriter.Entry();
    if (entry != null) {
      entry.received = Instant.now();
      entry.type = type;
      entry.client = info.ip() + ":" + info.port();
      entry.sslCipher = info.cipher();
      entry.sslProtocol = info.protocol();
      entry.domain = info.sni();
    }
    return new Exchange(entry);
  }

  /** Writes the access-log line of the request under way, once. */
  void logExchange(long receivedBytes, long sentBytes) {
    if (x != null && x.log != null && !x.logged) {
      x.logged = true;
      x.log.receivedBytes = receivedBytes;
      x.log.sentBytes = sentBytes;
      if (x.log.requestSeconds < 0) {
        x.log.requestSeconds = (System.nanoTime() - x.startNanos) / 1e9;
      }
      alb.accessLog.write(x.log);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
