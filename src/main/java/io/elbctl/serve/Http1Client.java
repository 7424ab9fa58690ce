package io.elbctl.serve;

import io.elbctl.serve.http.ParseResult;
import io.elbctl.serve.http.RequestHead;
import io.elbctl.serve.http.RequestHeadParser;
import io.elbctl.sim.Request;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP/1.x client connection: reads each request head as raw bytes and has it judged (parsed,
 * classified, acted on per desync mitigation mode) before anything is routed, frames the body
 * itself, and writes the answer. Requests on one connection are served one after another.
 */
final class Http1Client extends ClientStream {
  private enum State {
    HEAD,
    BODY,
    ANSWER,
    TUNNEL,
    CLOSED
  }

  private static final byte[] CONTINUE =
      "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final long LINGER_MILLIS = 2_000;

  private ByteBuf in;
  private State state = State.HEAD;
  private BodyReader requestBody;
  private boolean requestDone;
  private boolean chunkedAnswer;
  private boolean answerClose;
  private boolean answered;
  private long received;
  private long sent;
  private Deadline deadline;
  private final RequestHeadParser parser = new RequestHeadParser();
  private boolean processing;

  Http1Client(LocalAlb alb, Dispatch dispatch, ClientInfo info) {
    super(alb, dispatch, info);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    super.handlerAdded(ctx);
    // On the heap, so a head is parsed in place.
    in = ctx.alloc().heapBuffer(2048);
    deadline = new Deadline(ctx.executor(), this::deadlinePassed);
    alb.opened(this);
    deadline.arm(alb.idleTimeoutMillis);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (in != null) {
      in.release();
      in = null;
    }
  }

  /** Closes the connection now when no request is under way: used by a stop. */
  void closeIfIdle() {
    ctx.executor()
        .execute(
            () -> {
              if (state == State.HEAD && x == null) {
                ctx.close();
              }
            });
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf data = (ByteBuf) msg;
    if (state == State.CLOSED || state == State.TUNNEL) {
      data.release();
      return;
    }
    received += data.readableBytes();
    in.writeBytes(data);
    data.release();
    process();
  }

  private void process() {
    processing = true;
    try {
      processBytes();
    } finally {
      processing = false;
    }
  }

  private void processBytes() {
    while (state != State.CLOSED && in.isReadable()) {
      if (state == State.HEAD) {
        if (!readHead()) {
          return;
        }
      } else if (state == State.BODY) {
        readBody();
        if (state == State.BODY) {
          return;
        }
      } else {
        if (in.readableBytes() > 64 * 1024) {
          // A pipelining client waits for its answers before sending more.
          ctx.channel().config().setAutoRead(false);
        }
        return;
      }
    }
    in.discardSomeReadBytes();
  }

  /** Reads one head if it is all there; false when more bytes are needed. */
  private boolean readHead() {
    if (x == null) {
      startExchange();
    }
    int readable = in.readableBytes();
    ParseResult<RequestHead> parsed =
        in.hasArray()
            ? parser.parse(in.array(), in.arrayOffset() + in.readerIndex(), readable)
            : parser.parse(ByteBufUtil.getBytes(in), 0, readable);
    if (parsed instanceof ParseResult.NeedMore) {
      in.skipBytes(readable);
      return false;
    }
    if (parsed instanceof ParseResult.Rejected) {
      reject(400, RequestGate.unparseable());
      return false;
    }
    ParseResult.Complete<RequestHead> complete = (ParseResult.Complete<RequestHead>) parsed;
    in.skipBytes(complete.bytesConsumed());
    RequestVerdict verdict =
        RequestGate.judge(complete.head(), alb.mode, alb.dropInvalidHeaderFields);
    if (x.log != null) {
      x.log.classification = verdict.classification();
      x.log.classificationReason = verdict.reason();
    }
    if (!verdict.forwards()) {
      reject(verdict.status(), verdict);
      return false;
    }
    deadline.disarm();
    x.accept(verdict);
    if (x.log != null) {
      x.log.userAgent = x.header("user-agent");
      if (x.upgrade) {
        x.log.type = info.tls() ? "wss" : "ws";
      }
    }
    requestBody =
        x.chunked
            ? BodyReader.chunked()
            : x.contentLength > 0 ? BodyReader.fixed(x.contentLength) : BodyReader.none();
    requestDone = requestBody.done();
    state = requestDone ? State.ANSWER : State.BODY;
    boolean expectContinue = "100-continue".equalsIgnoreCase(x.header("expect"));
    Exchange current = x;
    TargetCall started = dispatch.handle(x, this, info.ip());
    if (x != current) {
      // Answered at once and already waiting for the next request.
      return state != State.CLOSED;
    }
    call = started;
    if (call != null && expectContinue && !requestDone && !answered) {
      write(Unpooled.wrappedBuffer(CONTINUE));
      ctx.flush();
    } else if (call == null && expectContinue && !requestDone) {
      // Answered without the body, which the client may or may not send now: the connection ends.
      answerClose = true;
    }
    if (requestDone && call != null) {
      call.requestEnd();
    }
    return state != State.CLOSED;
  }

  private void startExchange() {
    x = newExchange(info.tls() ? "https" : "http");
    answered = false;
    chunkedAnswer = false;
    answerClose = false;
    received = in.readableBytes();
    sent = 0;
    parser.reset();
    deadline.arm(alb.headTimeoutMillis);
  }

  private void reject(int status, RequestVerdict verdict) {
    if (x.log != null) {
      x.log.elbStatus = status;
      x.log.classification = verdict.classification();
      x.log.classificationReason = verdict.reason();
      if (verdict.method() != null) {
        x.method = verdict.method();
        x.target = verdict.target();
        x.version = verdict.version();
        x.host = verdict.host();
        x.log.requestLine = dispatch.requestLine(x);
      }
    }
    in.clear();
    own(status, "text/html", AlbPages.errorPage(status), null, true);
  }

  private void readBody() {
    int result =
        requestBody.read(
            in,
            piece -> {
              if (call == null) {
                piece.release();
              } else if (x.chunked) {
                call.requestBody(Http1Heads.chunk(ctx.alloc(), piece));
              } else {
                call.requestBody(piece);
              }
            });
    if (result == BodyReader.ERROR) {
      // The body broke its framing: the target connection is closed so the part it got is no
      // request.
      if (call != null) {
        call.cancel();
        call = null;
      }
      if (answered) {
        close();
      } else {
        if (x.log != null) {
          x.log.elbStatus = 400;
        }
        own(400, "text/html", AlbPages.errorPage(400), null, true);
      }
      return;
    }
    if (result == BodyReader.DONE) {
      requestDone = true;
      if (call != null) {
        if (x.chunked) {
          call.requestBody(Http1Heads.lastChunk());
        }
        call.requestEnd();
      }
      if (answered) {
        next();
      } else {
        state = State.ANSWER;
      }
    } else {
      deadline.arm(alb.idleTimeoutMillis);
    }
  }

  @Override
  public void head(int status, String reason, List<Request.Header> headers, boolean bodyFollows) {
    String connection;
    if (status == 101) {
      connection = "Upgrade";
    } else {
      boolean hasLength = Http1Heads.hasLength(headers);
      chunkedAnswer = bodyFollows && !hasLength && x.version.equals("HTTP/1.1");
      answerClose |= bodyFollows && !hasLength && !chunkedAnswer;
      connection = keep() ? "keep-alive" : "close";
    }
    write(Http1Heads.relayed(ctx.alloc(), status, reason, headers, chunkedAnswer, connection));
  }

  @Override
  public void flush() {
    ctx.flush();
  }

  private boolean keep() {
    return !answerClose && !x.clientWantsClose && !x.closeClientAfter && !alb.stopping;
  }

  @Override
  public void body(ByteBuf data) {
    write(chunkedAnswer ? Http1Heads.chunk(ctx.alloc(), data) : data);
    if (!ctx.channel().isWritable() && call != null) {
      // The client reads slower than the target sends: stop reading the target until it catches up.
      call.clientWritable(false);
    }
  }

  @Override
  public void end(boolean keep) {
    if (chunkedAnswer) {
      write(Http1Heads.lastChunk());
    }
    ctx.flush();
    answerClose |= !keep;
    finishAnswer();
  }

  private void finishAnswer() {
    answered = true;
    call = null;
    logExchange();
    if (!keep() || (!requestDone && !(requestBody != null && x.contentLength > 0))) {
      close();
    } else if (requestDone) {
      next();
    }
    // Otherwise the rest of the body is read and dropped, then the next request follows.
  }

  private void next() {
    x = null;
    requestBody = null;
    state = State.HEAD;
    ctx.channel().config().setAutoRead(true);
    deadline.arm(alb.idleTimeoutMillis);
    if (in.isReadable() && !processing) {
      process();
    }
  }

  @Override
  public void abort() {
    answerClose = true;
    logExchange();
    close();
  }

  @Override
  public void readRequestBody(boolean read) {
    if (state == State.BODY) {
      ctx.channel().config().setAutoRead(read);
    }
  }

  @Override
  public void own(int status, String contentType, byte[] body, String location, boolean close) {
    answerClose |= close || status == 400 || (x != null && x.chunked && !requestDone);
    if (x != null && x.log != null) {
      x.log.elbStatus = status;
    }
    boolean keep = x != null && keep();
    write(Http1Heads.own(ctx.alloc(), status, contentType, body.length, location, keep));
    if (x == null || !x.isHead()) {
      write(Unpooled.wrappedBuffer(body));
    }
    ctx.flush();
    if (!keep) {
      answerClose = true;
    }
    finishAnswer();
  }

  @Override
  public void tunnel(Channel target) {
    state = State.TUNNEL;
    ctx.flush();
    logExchange();
    Channel client = ctx.channel();
    client.config().setAutoRead(true);
    target.config().setAutoRead(true);
    target.pipeline().remove(TargetHandler.class);
    target.pipeline().addLast(new Tunnel(client));
    if (in.isReadable()) {
      target.writeAndFlush(in.readRetainedSlice(in.readableBytes()));
    }
    ctx.pipeline().addLast(new Tunnel(target));
    ctx.pipeline().remove(this);
  }

  private void write(ByteBuf data) {
    sent += data.readableBytes();
    ctx.write(data, ctx.voidPromise());
  }

  private void logExchange() {
    logExchange(received, sent);
  }

  private void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    deadline.disarm();
    // Half-close and read on for a moment: closing with the client's unread bytes (a body it is
    // still sending) would reset the connection and lose the answer before the client reads it.
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER)
        .addListener(
            f -> {
              if (ctx.channel() instanceof DuplexChannel duplex && duplex.isActive()) {
                duplex.shutdownOutput();
                ctx.executor().schedule(() -> ctx.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
              } else {
                ctx.close();
              }
            });
  }

  private void deadlinePassed() {
    if (state == State.HEAD || state == State.BODY) {
      if (call != null) {
        call.cancel();
      }
      state = State.CLOSED;
      ctx.close();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (call != null) {
      call.clientWritable(ctx.channel().isWritable());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    state = State.CLOSED;
    deadline.stop();
    if (call != null) {
      call.cancel();
      call = null;
    }
    if (x != null && x.log != null && !x.logged && x.method != null) {
      x.log.elbStatus = x.log.elbStatus == 0 ? 460 : x.log.elbStatus;
      logExchange();
    }
    alb.closed(this);
  }
}
