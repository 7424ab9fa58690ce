package io.elbctl.serve;

import io.elbctl.sim.Request;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.List;

/**
 * The client side of one request, whatever protocol the client speaks: where the answer goes and
 * how the request body is paced.
 */
interface Downstream {
  /** The loop the client's connection runs on; the target connection runs on it too. */
  EventLoop loop();

  /** Starts the answer: a status and the headers to relay (hop-by-hop headers already gone). */
  void head(int status, String reason, List<Request.Header> headers, boolean bodyFollows);

  /** A piece of the answer's body; the callee releases it. */
  void body(ByteBuf data);

  /** Sends what {@link #head} and {@link #body} wrote so far: once per read from the target. */
  void flush();

  /** The answer is complete; {@code keep} says whether the client connection may stay. */
  void end(boolean keep);

  /** The answer broke off after its head went out: the client connection must end. */
  void abort();

  /** Stops or resumes reading the request body, while the target cannot take more. */
  void readRequestBody(boolean read);

  /** Answers with the load balancer's own response. */
  void own(int status, String contentType, byte[] body, String location, boolean close);

  /**
   * The target accepted a protocol upgrade (WebSocket): after the 101 head the two connections
   * become a byte tunnel. Only HTTP/1.1 clients can upgrade this way.
   */
  void tunnel(Channel target);
}
