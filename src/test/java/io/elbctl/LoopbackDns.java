package io.elbctl;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DNS server on 127.0.0.1 for tests: answers A queries over UDP from a table the test sets (a
 * name it does not hold gets NXDOMAIN), so that the real resolver runs without public DNS.
 */
public final class LoopbackDns implements AutoCloseable {
  private final DatagramSocket socket;
  private final Map<String, List<String>> records = new ConcurrentHashMap<>();
  private final Thread thread;

  public LoopbackDns() throws SocketException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "loopback-dns");
    thread.setDaemon(true);
    thread.start();
  }

  /** {@code host:port}, as {@code ELBCTL_DNS_SERVER} takes it. */
  public String server() {
    return "127.0.0.1:" + socket.getLocalPort();
  }

  /** Answers A queries for {@code name} (with or without its final dot) with {@code addresses}. */
  public LoopbackDns a(String name, String... addresses) {
    records.put(key(name), List.of(addresses));
    return this;
  }

  private static String key(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }

  private void serve() {
    byte[] buffer = new byte[512];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
        byte[] answer = answer(ByteBuffer.wrap(packet.getData(), 0, packet.getLength()));
        socket.send(
            new DatagramPacket(answer, answer.length, packet.getAddress(), packet.getPort()));
      } catch (IOException | RuntimeException e) {
        // Closed, or a query this server cannot read: the client times out.
      }
    }
  }

  private byte[] answer(ByteBuffer query) {
    short id = query.getShort(0);
    StringBuilder name = new StringBuilder();
    int p = 12;
    for (int length = query.get(p) & 0xff; length > 0; length = query.get(p) & 0xff) {
      for (int i = 1; i <= length; i++) {
        name.append((char) query.get(p + i));
      }
      name.append('.');
      p += length + 1;
    }
    int questionEnd = p + 1 + 4;
    int type = query.getShort(p + 1) & 0xffff;
    List<String> found = records.get(key(name.toString()));
    List<String> answers = found == null || type != 1 ? List.of() : found;
    ByteBuffer out = ByteBuffer.allocate(512);
    out.putShort(id);
    out.putShort((short) (found == null ? 0x8183 : 0x8180));
    out.putShort((short) 1)
        .putShort((short) answers.size())
        .putShort((short) 0)
        .putShort((short) 0);
    out.put(query.array(), query.arrayOffset() + 12, questionEnd - 12);
    for (String address : answers) {
      out.putShort((short) 0xc00c).putShort((short) 1).putShort((short) 1).putInt(60);
      out.putShort((short) 4);
      for (String part : address.split("\\.")) {
        out.put((byte) Integer.parseInt(part));
      }
    }
    byte[] bytes = new byte[out.position()];
    out.flip().get(bytes);
    return bytes;
  }

  @Override
  public void close() throws InterruptedException {
    socket.close();
    thread.join(5_000);
  }
}
