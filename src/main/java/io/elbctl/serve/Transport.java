package io.elbctl.serve;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event loops every connection runs on: Linux's io_uring where the kernel allows it (the fewest
 * system calls and the least kernel time per request), else epoll where Netty's native library
 * loads, else Java NIO; or the one {@code --transport} names. Client and target connections of one
 * request share a loop.
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
      TransportChoice kind,
      int threads) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory named =
        r -> {
          // Netty's thread: its allocator and recyclers keep per-thread caches only on these.
          Thread thread = new FastThreadLocalThread(r, "serve-loop-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    this.loops = new MultiThreadIoEventLoopGroup(threads, named, factory);
    this.serverChannel = serverChannel;
    this.channel = channel;
    this.name = kind.cliName();
  }

  /**
   * The event loops {@code choice} asks for ({@link #best} for {@code auto}), one thread per core.
   *
   * @throws ElbctlException with exit code 1 when the named transport does not load here
   */
  static Transport create(TransportChoice choice) {
    TransportChoice kind = choice == TransportChoice.AUTO ? best() : choice;
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    return switch (kind) {
      case IO_URING -> {
        require(kind, IoUring.isAvailable(), IoUring.unavailabilityCause());
        yield new Transport(
            IoUringIoHandler.newFactory(),
            IoUringServerSocketChannel.class,
            IoUringSocketChannel.class,
            kind,
            threads);
      }
      case EPOLL -> {
        require(kind, Epoll.isAvailable(), Epoll.unavailabilityCause());
        yield new Transport(
            EpollIoHandler.newFactory(),
            EpollServerSocketChannel.class,
            EpollSocketChannel.class,
            kind,
            threads);
      }
      default ->
          new Transport(
              NioIoHandler.newFactory(),
              NioServerSocketChannel.class,
              NioSocketChannel.class,
              kind,
              threads);
    };
  }

  /**
   * What {@code --transport auto} runs on here: the first of io_uring, epoll and NIO that loads.
   */
  static TransportChoice best() {
    if (IoUring.isAvailable()) {
      return TransportChoice.IO_URING;
    }
    return Epoll.isAvailable() ? TransportChoice.EPOLL : TransportChoice.NIO;
  }

  static void require(TransportChoice choice, boolean available, Throwable cause) {
    if (!available) {
      String why =
          cause == null ? "" : String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
      throw new ElbctlException(
          ExitCode.ERROR,
          "--transport "
              + choice.cliName()
              + " does not load on this machine"
              + (why.isBlank() ? "" : " (" + why.strip() + ")")
              + "; leave --transport out to use the best one that does.");
    }
  }
}
