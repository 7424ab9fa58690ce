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
      String name,
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
    this.name = name;
  }

  /**
   * The event loops {@code choice} asks for, one thread per core.
   *
   * @throws ElbctlException with exit code 1 when the named transport does not load here
   */
  static Transport create(TransportChoice choice) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    return switch (choice) {
      case AUTO -> {
        if (IoUring.isAvailable()) {
          yield ioUring(threads);
        }
        yield Epoll.isAvailable() ? epoll(threads) : nio(threads);
      }
      case IO_URING -> {
        require(choice, IoUring.isAvailable(), IoUring.unavailabilityCause());
        yield ioUring(threads);
      }
      case EPOLL -> {
        require(choice, Epoll.isAvailable(), Epoll.unavailabilityCause());
        yield epoll(threads);
      }
      case NIO -> nio(threads);
    };
  }

  /** What {@code --transport auto} runs on here. */
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

  private static Transport ioUring(int threads) {
    return new Transport(
        IoUringIoHandler.newFactory(),
        IoUringServerSocketChannel.class,
        IoUringSocketChannel.class,
        TransportChoice.IO_URING.cliName(),
        threads);
  }

  private static Transport epoll(int threads) {
    return new Transport(
        EpollIoHandler.newFactory(),
        EpollServerSocketChannel.class,
        EpollSocketChannel.class,
        TransportChoice.EPOLL.cliName(),
        threads);
  }

  private static Transport nio(int threads) {
    return new Transport(
        NioIoHandler.newFactory(),
        NioServerSocketChannel.class,
        NioSocketChannel.class,
        TransportChoice.NIO.cliName(),
        threads);
  }
}
