package io.elbctl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.TrustAnything;
import io.elbctl.serve.http.DesyncMode;
import io.elbctl.spec.SpecFixtures;
import io.elbctl.spec.SpecReader;
import io.elbctl.spec.SpecResult;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The protocols the ALB speaks to clients, through {@code serve}: a WebSocket upgrade relayed both
 * ways to an echo target, and HTTP/2 negotiated by ALPN on the HTTPS listener (with the JDK's
 * client trusting only the certificate {@code serve} made), both recorded in the access log as the
 * ALB does ({@code ws}, {@code h2}). Both run on each transport that loads on this machine.
 */
class ProtocolsTest {
  FakeApp client;
  FakeApp backend;
  EventLoopGroup echoLoops;
  Channel echo;
  LocalAlb alb;
  final StringWriter log = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    client = new FakeApp("client");
    backend = new FakeApp("backend");
    echoLoops = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    echo =
        new ServerBootstrap()
            .group(echoLoops)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new HttpServerCodec(),
                            new HttpObjectAggregator(65536),
                            new WebSocketServerProtocolHandler("/oauth2/authorization/ws"),
                            new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                ctx.writeAndFlush(new TextWebSocketFrame("echo: " + frame.text()));
                              }
                            });
                  }
                })
            .bind(new InetSocketAddress("127.0.0.1", 0))
            .sync()
            .channel();
  }

  /** The load balancer in front of the two apps, on {@code transport}. */
  private void serve(TransportChoice transport) throws Exception {
    int echoPort = ((InetSocketAddress) echo.localAddress()).getPort();
    alb =
        oauth2Split(
            client.url(), "http://127.0.0.1:" + echoPort, log, DesyncMode.DEFENSIVE, transport);
  }

  /**
   * The oauth2-split example served on free ports (HTTPS listener first, with a certificate made
   * for localhost), its two groups at the given URLs, logging to {@code log}.
   */
  static LocalAlb oauth2Split(String clientUrl, String backendUrl, Writer log, DesyncMode mode)
      throws Exception {
    return oauth2Split(clientUrl, backendUrl, log, mode, TransportChoice.AUTO);
  }

  /** {@link #oauth2Split(String, String, Writer, DesyncMode)} on the given transport. */
  static LocalAlb oauth2Split(
      String clientUrl, String backendUrl, Writer log, DesyncMode mode, TransportChoice transport)
      throws Exception {
    SpecResult parsed =
        SpecReader.parse(Files.readString(SpecFixtures.example("oauth2-split.json")));
    assertThat(parsed.errors()).isEmpty();
    LocalTargets.Result local =
        LocalTargets.apply(parsed.spec(), List.of("client=" + clientUrl, "backend=" + backendUrl));
    return LocalAlb.bind(
        TestConfig.of(local.spec(), 443, 80)
            .tls(ServerCertificate.selfSigned(List.of("localhost")))
            .targetTimeout(Duration.ofSeconds(10))
            .accessLog(new AccessLogWriter(log, false, "myapp-alb", "eu-west-1"))
            .mode(mode)
            .transport(transport)
            .build(),
        event -> {});
  }

  @AfterEach
  void stop() throws Exception {
    if (alb != null) {
      alb.close();
    }
    echo.close().sync();
    echoLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    client.close();
    backend.close();
  }

  @OnEachTransport
  void http2OverAlpn_reachesTheTarget_andIsLoggedAsH2(TransportChoice transport) throws Exception {
    serve(transport);
    int https = alb.localPort(443);
    HttpClient h2 =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .sslContext(trusting(servedCertificate(https)))
            .build();
    HttpResponse<String> response =
        h2.send(
            HttpRequest.newBuilder(URI.create("https://localhost:" + https + "/page?x=1"))
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("app=client\n")
        .contains("uri=/page?x=1\n")
        .contains("x-forwarded-proto=https\n")
        .contains("host=localhost:" + https + "\n");

    HttpResponse<String> posted =
        h2.send(
            HttpRequest.newBuilder(URI.create("https://localhost:" + https + "/form"))
                .POST(HttpRequest.BodyPublishers.ofString("a=1"))
                .timeout(Duration.ofSeconds(20))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(posted.statusCode()).isEqualTo(200);
    assertThat(posted.body()).contains("method=POST\n");
    LocalAlbTest.await(() -> log.toString().lines().count() >= 2, "two access-log lines");
    assertThat(log.toString().lines().toList())
        .allSatisfy(line -> assertThat(line).startsWith("h2 ").contains(" HTTP/2.0\" "));
  }

  @OnEachTransport
  void aWebSocketUpgrade_isRelayedBothWays_andLoggedAsWs(TransportChoice transport)
      throws Exception {
    serve(transport);
    // The spec's HTTP listener only redirects, so the WebSocket goes through its HTTPS listener.
    int https = alb.localPort(443);
    HttpClient http11 =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(trusting(servedCertificate(https)))
            .build();
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket socket =
        http11
            .newWebSocketBuilder()
            .buildAsync(
                URI.create("wss://localhost:" + https + "/oauth2/authorization/ws"),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(
                      WebSocket webSocket, CharSequence data, boolean last) {
                    received.add(data.toString());
                    webSocket.request(1);
                    return CompletableFuture.completedFuture(null);
                  }
                })
            .get(20, TimeUnit.SECONDS);
    socket.sendText("hello", true).get(10, TimeUnit.SECONDS);
    assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo: hello");
    socket.sendText("again", true).get(10, TimeUnit.SECONDS);
    assertThat(received.poll(10, TimeUnit.SECONDS)).isEqualTo("echo: again");
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
    LocalAlbTest.await(() -> log.toString().contains("wss "), "the WebSocket logged");
    assertThat(log.toString()).startsWith("wss ").contains(" 101 101 ");
  }

  /** The certificate the HTTPS listener presents, read from a handshake that trusts anything. */
  static X509Certificate servedCertificate(int port) throws Exception {
    SSLContext any = TrustAnything.context();
    try (SSLSocket socket = (SSLSocket) any.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.startHandshake();
      Certificate[] chain = socket.getSession().getPeerCertificates();
      return (X509Certificate) chain[0];
    }
  }

  /** A TLS context that trusts exactly {@code certificate}. */
  static SSLContext trusting(X509Certificate certificate) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("serve", certificate);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
