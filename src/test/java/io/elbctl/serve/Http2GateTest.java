package io.elbctl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.serve.http.DesyncMode;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrame;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.ReferenceCountUtil;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 requests are judged like HTTP/1.x ones once translated: a header value the HPACK encoding
 * carries with CR, LF or NUL (which HTTP/2 framing allows through but an HTTP/1.1 target would read
 * as a line break) is classified, blocked or forwarded by the desync mitigation mode, and logged
 * with its classification. The client is Netty's, because the JDK's refuses to send such values.
 */
class Http2GateTest {
  FakeApp app;
  final AtomicInteger reached = new AtomicInteger();
  final StringWriter log = new StringWriter();
  LocalAlb alb;
  final EventLoopGroup loops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

  void start(DesyncMode mode) throws Exception {
    app = new FakeApp("client");
    app.on(
        "/h2",
        exchange -> {
          reached.incrementAndGet();
          String value = exchange.getRequestHeaders().getFirst("x-probe");
          FakeApp.send(exchange, 200, "x-probe=" + value + "\n");
        });
    alb = ProtocolsTest.oauth2Split(app.url(), "http://127.0.0.1:1", log, mode);
  }

  @AfterEach
  void stop() throws Exception {
    alb.close();
    app.close();
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  @Test
  void aValueWithCrLf_isBlockedWith400_inDefensiveMode_andLoggedAsSevere() throws Exception {
    start(DesyncMode.DEFENSIVE);
    String answer = get("a\r\nGET /smuggled HTTP/1.1");
    assertThat(answer).startsWith("400 ");
    assertThat(reached).hasValue(0);
    assertThat(logLine())
        .startsWith("h2 ")
        .contains(" 400 - ")
        .contains("\"Severe\" \"BadHeader\"");
  }

  @Test
  void aValueWithNul_isBlockedWith400_inStrictestMode() throws Exception {
    start(DesyncMode.STRICTEST);
    assertThat(get("a\0b")).startsWith("400 ");
    assertThat(reached).hasValue(0);
    assertThat(logLine()).contains("\"Severe\" \"BadHeader\"");
  }

  @Test
  void aValueWithAControlCharacter_isForwarded_inDefensiveMode_andLoggedAsAcceptable()
      throws Exception {
    start(DesyncMode.DEFENSIVE);
    String answer = get("a\u0001b");
    assertThat(answer).startsWith("200 ").contains("x-probe=a\u0001b");
    assertThat(reached).hasValue(1);
    assertThat(logLine()).startsWith("h2 ").contains("\"Acceptable\" \"NonCompliantHeader\"");
  }

  @Test
  void aValueWithAControlCharacter_isBlocked_inStrictestMode() throws Exception {
    start(DesyncMode.STRICTEST);
    assertThat(get("a\u0001b")).startsWith("400 ");
    assertThat(reached).hasValue(0);
    assertThat(logLine()).contains("\"Acceptable\" \"NonCompliantHeader\"");
  }

  @Test
  void aNameWithCr_isBlockedWith400_inDefensiveMode_andLoggedAsSevere() throws Exception {
    start(DesyncMode.DEFENSIVE);
    assertThat(get("x-evil\r", "v")).startsWith("400 ");
    assertThat(reached).hasValue(0);
    assertThat(logLine()).contains("\"Severe\" \"BadHeader\"");
  }

  @Test
  void aCompliantRequest_isForwarded_andLoggedWithoutClassification() throws Exception {
    start(DesyncMode.STRICTEST);
    assertThat(get("plain")).startsWith("200 ").contains("x-probe=plain");
    assertThat(logLine()).startsWith("h2 ").endsWith("\"-\" \"-\" TID_local");
  }

  private String logLine() {
    LocalAlbTest.await(() -> !log.toString().isEmpty(), "an access-log line");
    return log.toString().lines().findFirst().orElseThrow();
  }

  /** GET /h2 over HTTP/2 with {@code x-probe: value}, unchecked; "status body" or "reset". */
  private String get(String probe) throws Exception {
    return get("x-probe", probe);
  }

  /** GET /h2 over HTTP/2 with one extra header field, unchecked; "status body" or "reset". */
  private String get(String name, String value) throws Exception {
    int port = alb.localPort(443);
    SslContext tls =
        SslContextBuilder.forClient()
            .trustManager(InsecureTrustManagerFactory.INSTANCE)
            .applicationProtocolConfig(
                new ApplicationProtocolConfig(
                    ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    ApplicationProtocolNames.HTTP_2))
            .build();
    Channel connection =
        new Bootstrap()
            .group(loops)
            .channel(NioSocketChannel.class)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            tls.newHandler(ch.alloc(), "localhost", port),
                            Http2FrameCodecBuilder.forClient().build(),
                            new Http2MultiplexHandler(
                                new SimpleChannelInboundHandler<Object>() {
                                  @Override
                                  protected void channelRead0(
                                      ChannelHandlerContext ctx, Object msg) {}
                                }));
                  }
                })
            .connect("127.0.0.1", port)
            .sync()
            .channel();
    CompletableFuture<String> answer = new CompletableFuture<>();
    StringBuilder text = new StringBuilder();
    Http2StreamChannel stream =
        new Http2StreamChannelBootstrap(connection)
            .handler(
                new SimpleChannelInboundHandler<Http2StreamFrame>(false) {
                  @Override
                  protected void channelRead0(ChannelHandlerContext ctx, Http2StreamFrame frame) {
                    try {
                      if (frame instanceof Http2HeadersFrame headers) {
                        text.append(headers.headers().status()).append(' ');
                        if (headers.isEndStream()) {
                          answer.complete(text.toString());
                        }
                      } else if (frame instanceof Http2DataFrame data) {
                        ByteBuf content = data.content();
                        text.append(content.toString(StandardCharsets.ISO_8859_1));
                        if (data.isEndStream()) {
                          answer.complete(text.toString());
                        }
                      }
                    } finally {
                      ReferenceCountUtil.release(frame);
                    }
                  }

                  @Override
                  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
                    if (event instanceof Http2ResetFrame) {
                      answer.complete("reset");
                    }
                  }

                  @Override
                  public void channelInactive(ChannelHandlerContext ctx) {
                    answer.complete("closed after: " + text);
                  }
                })
            .open()
            .sync()
            .getNow();
    Http2Headers headers =
        new DefaultHttp2Headers(false)
            .method("GET")
            .path("/h2")
            .scheme("https")
            .authority("localhost:" + port)
            .add(name, value);
    stream
        .writeAndFlush(new DefaultHttp2HeadersFrame(headers, true))
        .addListener(
            sent -> {
              if (!sent.isSuccess()) {
                answer.completeExceptionally(sent.cause());
              }
            });
    try {
      return answer.get(20, TimeUnit.SECONDS);
    } finally {
      connection.close().sync();
    }
  }
}
