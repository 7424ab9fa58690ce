package io.elbctl.serve;

/**
 * Where one of the spec's listeners listens on this machine.
 *
 * @param listenerPort the spec's listener port, e.g. 443
 * @param localPort the local port, e.g. 8443 (0 picks a free one)
 */
public record Binding(int listenerPort, int localPort) {}
