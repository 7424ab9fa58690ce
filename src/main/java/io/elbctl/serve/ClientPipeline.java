package io.elbctl.serve;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

/**
 * Sets up a new client connection: plain HTTP/1.x, or TLS whose ALPN picks HTTP/2 ({@code h2}) or
 * HTTP/1.1, as the ALB offers both on HTTPS listeners.
 */
final class ClientPipeline {
  private static final long HANDSHAKE_MILLIS = 10_000;

  private final LocalAlb alb;
  private final SslContext tls;

  ClientPipeline(LocalAlb alb, SSLContext context) {
    this.alb = alb;
    this.tls =
        context == null
            ? null
            : new JdkSslContext(
                context,
                false,
                null,
                IdentityCipherSuiteFilter.INSTANCE,
                new ApplicationProtocolConfig(
                    ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                    ApplicationProtocolNames.HTTP_2,
                    ApplicationProtocolNames.HTTP_1_1),
                ClientAuth.NONE,
                null,
                false);
  }

  void init(SocketChannel channel, Dispatch dispatch) {
    String ip = channel.remoteAddress().getAddress().getHostAddress();
    int port = channel.remoteAddress().getPort();
    if (!dispatch.listener.https()) {
      channel
          .pipeline()
          .addLast(
              new Http1Client(alb, dispatch, new ClientInfo(ip, port, false, null, null, null)));
      return;
    }
    SslHandler ssl = tls.newHandler(channel.alloc());
    ssl.setHandshakeTimeout(HANDSHAKE_MILLIS, TimeUnit.MILLISECONDS);
    channel.pipeline().addLast(ssl);
    channel
        .pipeline()
        .addLast(
            new ApplicationProtocolNegotiationHandler(ApplicationProtocolNames.HTTP_1_1) {
              @Override
              protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
                ClientInfo info = info(ssl.engine().getSession(), ip, port);
                if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                  ctx.pipeline()
                      .addLast(
                          // Header names and values reach the desync classifier as received,
                          // which answers 400 (and logs why) where HPACK validation would only
                          // reset the stream; what is forwarded is the gate's HTTP/1.1 head.
                          Http2FrameCodecBuilder.forServer().validateHeaders(false).build(),
                          new Http2MultiplexHandler(
                              new ChannelInitializer<Http2StreamChannel>() {
                                @Override
                                protected void initChannel(Http2StreamChannel stream) {
                                  stream
                                      .pipeline()
                                      .addLast(
                                          new Http2StreamFrameToHttpObjectCodec(true, false),
                                          new Http2Stream(alb, dispatch, info));
                                }
                              }));
                } else {
                  ctx.pipeline().addLast(new Http1Client(alb, dispatch, info));
                }
              }

              @Override
              protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
              }
            });
  }

  private static ClientInfo info(SSLSession session, String ip, int port) {
    String sni = null;
    if (session instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name instanceof SNIHostName host) {
          sni = host.getAsciiName();
        }
      }
    }
    return new ClientInfo(ip, port, true, session.getCipherSuite(), session.getProtocol(), sni);
  }
}
