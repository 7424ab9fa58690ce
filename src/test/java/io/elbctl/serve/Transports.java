package io.elbctl.serve;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import java.util.ArrayList;
import java.util.List;

/** The transports a test runs {@code serve} on: each one that loads on this machine. */
final class Transports {
  private Transports() {}

  static List<TransportChoice> available() {
    List<TransportChoice> kinds = new ArrayList<>();
    if (IoUring.isAvailable()) {
      kinds.add(TransportChoice.IO_URING);
    }
    if (Epoll.isAvailable()) {
      kinds.add(TransportChoice.EPOLL);
    }
    kinds.add(TransportChoice.NIO);
    return kinds;
  }
}
