package io.elbctl.serve;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event loops every connection runs on: Linux's epoll where Netty's native transport loads,
 * Java NIO otherwise. Client and target connections of one request share a loop.
 */
final class Transport {
  final EventLoopGroup loops;
  final Class<? extends ServerChannel> serverChannel;
  final Class<? extends Channel> channel;
  final String name;

  private Transport(
      IoHandlerFactory factory,
      Class<? extends ServerChannel> serverChannel,
      Class<? extends Channel> channel,
      String name,
      int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory named =
        r -> {
          Thread thread = new Thread(r, "serve-loop-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.loops = new MultiThreadIoEventLoopGroup(threads, named, factory);
    this.serverChannel = serverChannel;
    this.channel = channel;
    this.name = name;
  }

  static Transport create() {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    if (Epoll.isAvailable()) {
      return new Transport(
          EpollIoHandler.newFactory(),
          EpollServerSocketChannel.class,
          EpollSocketChannel.class,
          "epoll",
          threads);
    }
    return new Transport(
        NioIoHandler.newFactory(),
        NioServerSocketChannel.class,
        NioSocketChannel.class,
        "nio",
        threads);
  }
}
