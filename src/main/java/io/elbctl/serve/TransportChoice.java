package io.elbctl.serve;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which of Netty's transports {@code serve}'s event loops run on: the fastest this machine offers
 * ({@link #AUTO}), or one named with {@code --transport}.
 */
public enum TransportChoice {
  /** io_uring where the kernel allows it, else epoll where its native library loads, else NIO. */
  AUTO("auto"),
  /** Linux's io_uring (kernel 5.9 or later, not disabled by sysctl or seccomp). */
  IO_URING("io_uring"),
  /** Linux's epoll. */
  EPOLL("epoll"),
  /** Java NIO, on every platform. */
  NIO("nio");

  private final String cliName;

  TransportChoice(String cliName) {
    this.cliName = cliName;
  }

  /** The name {@code --transport} takes. */
  public String cliName() {
    return cliName;
  }

  /** The choice {@code name} names, if any. */
  public static Optional<TransportChoice> fromCliName(String name) {
    return Arrays.stream(values()).filter(c -> c.cliName.equals(name)).findFirst();
  }
}
