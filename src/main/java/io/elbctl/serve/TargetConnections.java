package io.elbctl.serve;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/**
 * Connections to targets, kept alive between requests: one request at a time on each, pooled per
 * event loop so a request's client and target connections share a thread. A pooled connection that
 * becomes readable or closes while idle is closed and dropped, so an unsolicited response never
 * reaches the next client.
 */
final class TargetConnections {
  /** Idle connections older than this are not reused: targets commonly time out at 60 s. */
  static final long MAX_IDLE_NANOS = 50_000_000_000L;

  private final Transport transport;
  private final int connectTimeoutMillis;
  private final Map<EventLoop, Map<Key, ArrayDeque<Channel>>> idle = new ConcurrentHashMap<>();
  private SslContext tls;

  TargetConnections(Transport transport, int connectTimeoutMillis) {
    this.transport = transport;
    this.connectTimeoutMillis = connectTimeoutMillis;
  }

  /** What pooled connections are told apart by. */
  record Key(String host, int port, boolean https) {}

  /** An idle connection to {@code key} on {@code loop}, or null; called on {@code loop}. */
  Channel poll(EventLoop loop, Key key) {
    ArrayDeque<Channel> channels = pool(loop).get(key);
    if (channels == null) {
      return null;
    }
    long now = System.nanoTime();
    for (Channel channel = channels.pollLast(); channel != null; channel = channels.pollLast()) {
      TargetHandler handler = channel.pipeline().get(TargetHandler.class);
      if (channel.isActive() && handler != null && now - handler.idleSince < MAX_IDLE_NANOS) {
        return channel;
      }
      channel.close();
    }
    return null;
  }

  /** Puts a connection that finished its request back; called on its loop. */
  void release(Channel channel, Key key) {
    TargetHandler handler = channel.pipeline().get(TargetHandler.class);
    handler.call = null;
    handler.idleSince = System.nanoTime();
    handler.poolKey = key;
    pool(channel.eventLoop()).computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(channel);
    channel.config().setAutoRead(true);
  }

  void forget(Channel channel, Key key) {
    ArrayDeque<Channel> channels = pool(channel.eventLoop()).get(key);
    if (channels != null) {
      channels.remove(channel);
    }
  }

  /** Closes every idle connection to {@code host:port}, each on its own loop. */
  void closeIdle(String host, int port) {
    for (Map.Entry<EventLoop, Map<Key, ArrayDeque<Channel>>> entry : idle.entrySet()) {
      entry
          .getKey()
          .execute(
              () ->
                  entry
                      .getValue()
                      .entrySet()
                      .removeIf(
                          pooled -> {
                            if (!pooled.getKey().host().equals(host)
                                || pooled.getKey().port() != port) {
                              return false;
                            }
                            pooled.getValue().forEach(Channel::close);
                            return true;
                          }));
    }
  }

  private Map<Key, ArrayDeque<Channel>> pool(EventLoop loop) {
    return idle.computeIfAbsent(loop, l -> new HashMap<>());
  }

  /** Opens a new connection on {@code loop}; its handler takes {@code call} once connected. */
  ChannelFuture open(EventLoop loop, String host, int port, boolean https) {
    SslContext context = https ? tls() : null;
    Bootstrap bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(transport.channel)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    if (context != null) {
                      channel.pipeline().addLast(context.newHandler(channel.alloc(), host, port));
                    }
                    channel
                        .pipeline()
                        .addLast(new TargetHandler(TargetConnections.this, channel.eventLoop()));
                  }
                });
    return bootstrap.connect(host, port);
  }

  /**
   * Targets of an HTTPS group are reached over TLS without checking their certificate, as the ALB
   * does.
   */
  private synchronized SslContext tls() {
    if (tls == null) {
      try {
        tls =
            SslContextBuilder.forClient()
                .trustManager(InsecureTrustManagerFactory.INSTANCE)
                .build();
      } catch (SSLException e) {
        throw new IllegalStateException("cannot set up TLS to targets: " + e.getMessage(), e);
      }
    }
    return tls;
  }
}
