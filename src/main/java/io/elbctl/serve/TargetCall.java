package io.elbctl.serve;

import io.elbctl.serve.http.ParseResult;
import io.elbctl.serve.http.ResponseFraming;
import io.elbctl.serve.http.ResponseHeadParser;
import io.elbctl.sim.Request;
import io.elbctl.sim.StickyCookies;
import io.elbctl.sim.TargetPicker;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ConnectTimeoutException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One request forwarded to one target and its answer relayed back: connects or reuses a kept-alive
 * connection, streams the body with back-pressure, validates the target's head before anything of
 * it reaches the client (502 otherwise), and answers 504 when the target stays silent. A request is
 * sent again on a new connection only when it is idempotent, has no body, went out on a reused
 * connection and nothing came back.
 */
final class TargetCall {
  private enum State {
    CONNECTING,
    SENT,
    BODY,
    DONE
  }

  private final LocalAlb alb;
  private final Exchange x;
  private final Downstream client;
  private final String host;
  private final int port;
  private final boolean https;
  private final TargetConnections.Key key;
  private final TargetPicker.Pick pick;
  private ByteBuf head;
  private final ArrayDeque<ByteBuf> waiting = new ArrayDeque<>();
  private boolean requestEnded;
  private Channel channel;
  private boolean reused;
  private boolean retried;
  private State state = State.CONNECTING;
  private ResponseHeadParser parser;
  private TargetHandler handler;
  private TargetResponse response;
  private BodyReader body;
  private boolean anythingBack;
  private long sentAt;

  TargetCall(
      LocalAlb alb,
      Exchange x,
      Downstream client,
      String host,
      int port,
      boolean https,
      ByteBuf head,
      TargetPicker.Pick pick) {
    this.alb = alb;
    this.pick = pick;
    this.x = x;
    this.client = client;
    this.host = host;
    this.port = port;
    this.https = https;
    this.key = new TargetConnections.Key(host, port, https);
    this.head = head;
  }

  void start() {
    alb.picker.started(pick);
    alb.draining.started(pick, this);
    Channel pooled = alb.targets.poll(client.loop(), key);
    if (pooled != null) {
      reused = true;
      attach(pooled);
    } else {
      connect();
    }
  }

  private void connect() {
    reused = false;
    ChannelFuture connecting = alb.targets.open(client.loop(), host, port, https);
    connecting.addListener(
        f -> {
          if (state == State.DONE) {
            connecting.channel().close();
          } else if (f.isSuccess()) {
            attach(connecting.channel());
          } else {
            fail(f.cause() instanceof ConnectTimeoutException ? 504 : 502);
          }
        });
  }

  private void attach(Channel target) {
    channel = target;
    handler = target.pipeline().get(TargetHandler.class);
    handler.call = this;
    sentAt = System.nanoTime();
    state = State.SENT;
    // Kept until the answer starts: a retry sends the head again.
    target.write(head.retainedDuplicate());
    for (ByteBuf piece = waiting.poll(); piece != null; piece = waiting.poll()) {
      target.write(piece);
    }
    target.flush();
    client.readRequestBody(target.isWritable());
    armTimer();
  }

  /** A piece of the request body, already framed for the target; the call takes ownership. */
  void requestBody(ByteBuf piece) {
    if (state == State.DONE) {
      piece.release();
      return;
    }
    if (channel == null) {
      waiting.add(piece);
      if (waiting.size() > 16) {
        client.readRequestBody(false);
      }
      return;
    }
    channel.writeAndFlush(piece);
    if (state == State.SENT) {
      // The target's silence is counted from the last byte of the request it was sent.
      armTimer();
    }
    if (!channel.isWritable()) {
      client.readRequestBody(false);
    }
  }

  void requestEnd() {
    requestEnded = true;
    if (channel != null && state == State.SENT) {
      armTimer();
    }
  }

  void clientWritable(boolean writable) {
    if (channel != null && state == State.BODY) {
      channel.config().setAutoRead(writable);
    }
  }

  void targetWritable(boolean writable) {
    client.readRequestBody(writable);
  }

  /** The target has no more bytes for now: what was relayed goes out to the client. */
  void flushClient() {
    if (state == State.BODY) {
      client.flush();
    }
  }

  /** Bytes from the target. */
  void received(ByteBuf data) {
    anythingBack = true;
    armTimer();
    try {
      if (state == State.SENT) {
        readHead(data);
      }
      if (state == State.BODY && data.isReadable()) {
        readBody(data);
      }
    } finally {
      data.release();
    }
  }

  private void readHead(ByteBuf data) {
    while (data.isReadable()) {
      if (parser == null) {
        parser = handler.responseParser();
      }
      int length = Math.min(data.readableBytes(), TargetHandler.SCRATCH_BYTES);
      byte[] bytes = handler.scratch();
      data.getBytes(data.readerIndex(), bytes, 0, length);
      ParseResult<TargetResponse> parsed =
          TargetResponse.of(parser.parse(bytes, 0, length), x.method);
      if (parsed instanceof ParseResult.NeedMore) {
        data.skipBytes(length);
        continue;
      }
      parser = null;
      if (parsed instanceof ParseResult.Rejected) {
        fail(502);
        return;
      }
      ParseResult.Complete<TargetResponse> complete = (ParseResult.Complete<TargetResponse>) parsed;
      data.skipBytes(complete.bytesConsumed());
      response = complete.head();
      if (response.status() < 200 && response.status() != 101) {
        // Interim answers (100 Continue, 103 Early Hints) are between the load balancer and the
        // target.
        continue;
      }
      startAnswer();
      return;
    }
  }

  private void startAnswer() {
    int status = response.status();
    if (status == 101) {
      if (!x.upgrade) {
        fail(502);
        return;
      }
      log(status);
      done(false);
      client.head(101, response.reason(), response.headers(), false);
      client.tunnel(channel);
      return;
    }
    releaseHead();
    body = response.bodyReader();
    boolean noBody = response.framing() instanceof ResponseFraming.None;
    log(status);
    client.head(status, response.reason(), withStickiness(response.headers()), !noBody);
    state = State.BODY;
    if (body.done()) {
      finish();
    }
  }

  /** The target's headers and the stickiness cookies the load balancer adds to them. */
  private List<Request.Header> withStickiness(List<Request.Header> headers) {
    boolean app = pick.appCookie() != null && StickyCookies.sets(headers, pick.appCookie());
    if (pick.setCookies().isEmpty() && !app) {
      return headers;
    }
    List<Request.Header> all = new ArrayList<>(headers);
    for (String cookie : pick.setCookies()) {
      all.add(new Request.Header("Set-Cookie", cookie));
    }
    if (app) {
      all.add(new Request.Header("Set-Cookie", pick.appStickinessCookie(Instant.now())));
    }
    return all;
  }

  io.netty.channel.EventLoop loop() {
    return client.loop();
  }

  /**
   * The target's deregistration delay ended with this request still running: the ALB closes the
   * connection, so a client still waiting for the answer gets 502.
   */
  void drained() {
    if (state == State.SENT || state == State.CONNECTING) {
      fail(502);
    } else if (state == State.BODY) {
      abort();
    }
  }

  private void log(int status) {
    if (x.log != null) {
      x.log.elbStatus = status;
      x.log.targetStatus = String.valueOf(status);
      x.log.targetSeconds = (System.nanoTime() - sentAt) / 1e9;
    }
  }

  private void readBody(ByteBuf data) {
    int result = body.read(data, client::body);
    if (result == BodyReader.ERROR) {
      abort();
    } else if (result == BodyReader.DONE) {
      finish();
    }
  }

  private void finish() {
    boolean keepTarget =
        response.keepAlive() && !body.closeDelimited() && !x.closeTargetAfter && requestEnded;
    if (keepTarget) {
      done(false);
      alb.targets.release(channel, key);
    } else {
      done(true);
    }
    client.end(!x.closeClientAfter);
  }

  /** The target closed its connection. */
  void targetClosed() {
    if (state == State.DONE) {
      return;
    }
    if (state == State.BODY && body.closeDelimited()) {
      body.endOfStream();
      done(false);
      client.end(false);
      return;
    }
    if (state == State.SENT
        && reused
        && !anythingBack
        && !retried
        && x.idempotent()
        && !x.hasBody()
        && requestEnded) {
      // A kept-alive connection the target had closed before it saw this request: send it again.
      retried = true;
      handler.timer.disarm();
      handler.call = null;
      handler = null;
      channel = null;
      state = State.CONNECTING;
      connect();
      return;
    }
    if (state == State.BODY) {
      abort();
    } else {
      fail(502);
    }
  }

  /** The client went away: the target connection cannot be reused. */
  void cancel() {
    if (state == State.DONE) {
      return;
    }
    done(true);
  }

  /**
   * Answers the client with the load balancer's own status, since nothing of the target's went out.
   */
  private void fail(int status) {
    done(true);
    if (x.log != null) {
      x.log.elbStatus = status;
      x.log.targetStatus = null;
    }
    client.own(status, "text/html", AlbPages.errorPage(status), null, x.hasBody() && !requestEnded);
  }

  private void abort() {
    done(true);
    client.abort();
  }

  /**
   * Ends the call: nothing more is sent, and the target connection is closed or, unless {@code
   * close}, left to the caller (pooled, or handed over to a tunnel).
   */
  private void done(boolean close) {
    if (state != State.DONE) {
      alb.picker.finished(pick);
      alb.draining.finished(pick, this);
    }
    state = State.DONE;
    releaseHead();
    releaseWaiting();
    if (handler != null) {
      handler.timer.disarm();
      handler.call = null;
      if (close) {
        channel.close();
      }
    }
  }

  private void armTimer() {
    handler.timer.arm(alb.targetTimeoutMillis);
  }

  void timedOut() {
    if (state == State.SENT) {
      fail(504);
    } else if (state == State.BODY) {
      abort();
    }
  }

  private void releaseHead() {
    if (head != null) {
      head.release();
      head = null;
    }
  }

  private void releaseWaiting() {
    for (ByteBuf piece = waiting.poll(); piece != null; piece = waiting.poll()) {
      piece.release();
    }
  }
}
