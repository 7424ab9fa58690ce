package io.elbctl.serve;

import io.elbctl.serve.http.HeaderField;
import io.elbctl.serve.http.RequestHead;
import io.elbctl.sim.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/2 stream from a client: the request, as Netty's HTTP/2 codec decoded it, is translated
 * to HTTP/1.1 and judged like any other (desync classification on the translated head, so a header
 * value holding CR, LF or NUL never reaches a target's HTTP/1.1 connection in defensive or
 * strictest mode), routed, and forwarded to the target over HTTP/1.1; the answer goes back on the
 * stream. The access log records it as {@code h2}.
 */
final class Http2Stream extends ClientStream {
  private boolean done;

  Http2Stream(LocalAlb alb, Dispatch dispatch, ClientInfo info) {
    super(alb, dispatch, info);
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
          call.requestBody(x.chunked ? Http1Heads.chunk(ctx.alloc(), piece) : piece);
        }
        if (msg instanceof LastHttpContent && call != null) {
          if (x.chunked) {
            call.requestBody(Http1Heads.lastChunk());
          }
          call.requestEnd();
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void start(HttpRequest request, boolean complete) {
    x = newExchange("h2");
    HttpHeaders received = request.headers();
    if (x.log != null) {
      x.log.userAgent = received.get("user-agent");
    }
    RequestVerdict verdict =
        RequestGate.judge(translated(request), alb.mode, alb.dropInvalidHeaderFields);
    if (x.log != null) {
      x.log.classification = verdict.classification();
      x.log.classificationReason = verdict.reason();
    }
    if (!verdict.forwards()) {
      x.method = request.method().name();
      x.target = request.uri();
      x.version = "HTTP/2.0";
      x.host = received.get("host");
      if (x.log != null) {
        x.log.requestLine = dispatch.requestLine(x);
      }
      own(verdict.status(), "text/html", AlbPages.errorPage(verdict.status()), null, true);
      return;
    }
    x.accept(verdict);
    // Frames delimit an HTTP/2 message; the target gets its length, or chunks when it is open.
    x.version = "HTTP/2.0";
    x.chunked = false;
    x.contentLength = -1;
    String length = received.get("content-length");
    if (complete) {
      ByteBuf body = ((FullHttpRequest) request).content();
      x.contentLength = body.readableBytes() > 0 ? body.readableBytes() : length == null ? -1 : 0;
    } else if (verdict.contentLength() >= 0) {
      x.contentLength = verdict.contentLength();
    } else {
      x.chunked = true;
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

  /**
   * The request as the HTTP/1.1 head the load balancer translates it to: {@code :authority} as Host
   * (Netty's codec puts it there), the codec's own {@code x-http2-*} fields left out.
   */
  private static RequestHead translated(HttpRequest request) {
    List<HeaderField> fields = new ArrayList<>();
    for (Map.Entry<String, String> header : request.headers()) {
      if (!header.getKey().startsWith("x-http2-")) {
        fields.add(HeaderField.of(header.getKey(), header.getValue()));
      }
    }
    return RequestHead.of(request.method().name(), request.uri(), "HTTP/1.1", fields);
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
    logExchange(0, 0);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (call != null) {
      call.cancel();
      call = null;
    }
  }
}
