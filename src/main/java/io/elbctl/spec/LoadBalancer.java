package io.elbctl.spec;

import java.util.List;

/** The Application Load Balancer and its listeners. */
public record LoadBalancer(
    @Required @Doc("Load balancer name (at most 32 characters: letters, digits, hyphens).")
        String name,
    @Doc("internet-facing (default) or internal.") String scheme,
    @Doc("ipv4 (default) or dualstack; dualstack also gets AAAA alias records.")
        String ipAddressType,
    @Doc("Idle timeout in seconds, 1-4000 (default 60).") Integer idleTimeoutSeconds,
    @Required @Doc("Listeners, one per port.") List<Listener> listeners) {
  public LoadBalancer {
    scheme = scheme == null ? "internet-facing" : scheme;
    ipAddressType = ipAddressType == null ? "ipv4" : ipAddressType;
    idleTimeoutSeconds = idleTimeoutSeconds == null ? 60 : idleTimeoutSeconds;
    listeners = listeners == null ? List.of() : List.copyOf(listeners);
  }

  /** True when the load balancer is reachable over IPv6 as well. */
  public boolean dualstack() {
    return ipAddressType.startsWith("dualstack");
  }
}
