package io.elbctl.serve;

import io.elbctl.sim.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/2 stream from a client: the request, as Netty's HTTP/2 codec decoded it, is routed like
 * any other and forwarded to the target over HTTP/1.1; the answer goes back on the stream. The
 * access log records it as {@code h2}.
 */
final class Http2Stream extends ChannelInboundHandlerAdapter implements Downstream {
  private static final byte[] CRLF = {'\r', '\n'};

  private final LocalAlb alb;
  private final Dispatch dispatch;
  private final ClientInfo info;
  private ChannelHandlerContext ctx;
  private Exchange x;
  private TargetCall call;
  private boolean done;

  Http2Stream(LocalAlb alb, Dispatch dispatch, ClientInfo info) {
    this.alb = alb;
    this.dispatch = dispatch;
    this.info = info;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (msg instanceof HttpRequest request) {
        start(request, msg instanceof FullHttpRequest);
      }
      if (msg instanceof HttpContent content && call != null) {
        ByteBuf data = content.content();
        if (data.isReadable()) {
          ByteBuf piece = data.retainedSlice();
          if (x.chunked) {
            piece =
                Unpooled.wrappedBuffer(
                    Unpooled.wrappedBuffer(
                        (Integer.toHexString(piece.readableBytes()) + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII)),
                    piece,
                    Unpooled.wrappedBuffer(CRLF));
          }
          call.requestBody(piece);
        }
        if (msg instanceof LastHttpContent && call != null) {
          if (x.chunked) {
            call.requestBody(
                Unpooled.wrappedBuffer("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
          }
          call.requestEnd();
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void start(HttpRequest request, boolean complete) {
    AccessLogWriter.Entry entry = alb.accessLog == null ? null : new AccessLogWriter.Entry();
    if (entry != null) {
      entry.received = Instant.now();
      entry.type = "h2";
      entry.client = info.ip() + ":" + info.port();
      entry.sslCipher = info.cipher();
      entry.sslProtocol = info.protocol();
      entry.domain = info.sni();
    }
    x = new Exchange(entry);
    x.method = request.method().name();
    x.target = request.uri();
    x.version = "HTTP/2.0";
    List<Request.Header> headers = new ArrayList<>();
    HttpHeaders received = request.headers();
    for (Map.Entry<String, String> header : received) {
      String name = header.getKey();
      if (name.startsWith("x-http2-")) {
        continue;
      }
      if (name.equalsIgnoreCase("host")) {
        x.host = header.getValue();
      }
      headers.add(new Request.Header(name, header.getValue()));
    }
    x.headers = headers;
    String length = received.get("content-length");
    if (complete) {
      ByteBuf body = ((FullHttpRequest) request).content();
      x.contentLength = body.readableBytes() > 0 ? body.readableBytes() : length == null ? -1 : 0;
    } else if (length != null && length.chars().allMatch(Character::isDigit) && !length.isEmpty()) {
      x.contentLength = Long.parseLong(length);
    } else {
      x.chunked = true;
    }
    if (entry != null) {
      entry.userAgent = received.get("user-agent");
    }
    call = dispatch.handle(x, this, info.ip());
    if (call != null && complete) {
      ByteBuf body = ((FullHttpRequest) request).content();
      if (body.isReadable()) {
        call.requestBody(body.retainedSlice());
      }
      call.requestEnd();
    }
  }

  @Override
  public EventLoop loop() {
    return ctx.channel().eventLoop();
  }

  @Override
  public void head(int status, String reason, List<Request.Header> headers, boolean bodyFollows) {
    DefaultHttpResponse response =
        new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status, reason));
    for (Request.Header header : headers) {
      response.headers().add(header.name(), header.value());
    }
    ctx.writeAndFlush(response);
  }

  @Override
  public void flush() {
    ctx.flush();
  }

  @Override
  public void body(ByteBuf data) {
    ctx.writeAndFlush(new DefaultHttpContent(data));
  }

  @Override
  public void end(boolean keep) {
    ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    finish();
  }

  @Override
  public void abort() {
    finish();
    ctx.close();
  }

  @Override
  public void readRequestBody(boolean read) {
    ctx.channel().config().setAutoRead(read);
  }

  @Override
  public void own(int status, String contentType, byte[] body, String location, boolean close) {
    DefaultFullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.valueOf(status, AlbPages.reason(status)),
            Unpooled.wrappedBuffer(body));
    response.headers().set("server", "awselb/2.0");
    response.headers().set("date", AlbPages.date());
    response.headers().set("content-type", contentType);
    response.headers().setInt("content-length", body.length);
    if (location != null) {
      response.headers().set("location", location);
    }
    if (x.log != null) {
      x.log.elbStatus = status;
    }
    ctx.writeAndFlush(response);
    finish();
  }

  @Override
  public void tunnel(Channel target) {
    target.close();
    abort();
  }

  private void finish() {
    if (done) {
      return;
    }
    done = true;
    call = null;
    if (x != null && x.log != null) {
      if (x.log.requestSeconds < 0) {
        x.log.requestSeconds = (System.nanoTime() - x.startNanos) / 1e9;
      }
      alb.accessLog.write(x.log);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (call != null) {
      call.cancel();
      call = null;
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
