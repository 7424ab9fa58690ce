package io.elbctl.sim;

/** A registered target: its id (instance id or IP address) and the port it receives traffic on. */
public record TargetRef(String id, int port) {
  /** {@code id:port}, the form used on the command line and in output. */
  public String key() {
    return id + ":" + port;
  }

  @Override
  public String toString() {
    return key();
  }
}
