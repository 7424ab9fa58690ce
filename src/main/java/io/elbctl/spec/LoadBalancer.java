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
    @Doc(
            "How requests that risk HTTP desync are handled: monitor, defensive (default) or"
                + " strictest (ALB attribute routing.http.desync_mitigation_mode).")
        String desyncMitigationMode,
    @Doc(
            "Whether header fields whose names are not letters, digits and hyphens are removed"
                + " before forwarding (default false; ALB attribute"
                + " routing.http.drop_invalid_header_fields.enabled).")
        Boolean dropInvalidHeaderFields,
    @Required @Doc("Listeners, one per port.") List<Listener> listeners) {
  /** ALB's desync mitigation modes, as the spec and the ALB attribute spell them. */
  public static final List<String> DESYNC_MITIGATION_MODES =
      List.of("monitor", "defensive", "strictest");

  /** ALB's default desync mitigation mode. */
  public static final String DEFAULT_DESYNC_MITIGATION_MODE = "defensive";

  public LoadBalancer {
    scheme = scheme == null ? "internet-facing" : scheme;
    ipAddressType = ipAddressType == null ? "ipv4" : ipAddressType;
    idleTimeoutSeconds = idleTimeoutSeconds == null ? 60 : idleTimeoutSeconds;
    desyncMitigationMode =
        desyncMitigationMode == null ? DEFAULT_DESYNC_MITIGATION_MODE : desyncMitigationMode;
    dropInvalidHeaderFields = dropInvalidHeaderFields != null && dropInvalidHeaderFields;
    listeners = listeners == null ? List.of() : List.copyOf(listeners);
  }

  /** A load balancer with ALB's default desync mitigation and header handling. */
  public LoadBalancer(
      String name,
      String scheme,
      String ipAddressType,
      Integer idleTimeoutSeconds,
      List<Listener> listeners) {
    this(name, scheme, ipAddressType, idleTimeoutSeconds, null, null, listeners);
  }

  /** True when the desync mitigation and header handling are ALB's defaults. */
  public boolean defaultRequestHandling() {
    return desyncMitigationMode.equals(DEFAULT_DESYNC_MITIGATION_MODE) && !dropInvalidHeaderFields;
  }

  /** True when the load balancer is reachable over IPv6 as well. */
  public boolean dualstack() {
    return ipAddressType.startsWith("dualstack");
  }
}
