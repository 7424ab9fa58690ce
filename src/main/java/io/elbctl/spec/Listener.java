package io.elbctl.spec;

import java.util.List;

/** One listener: a port, a protocol, ordered rules and the default action. */
public record Listener(
    @Required @Doc("Port the load balancer listens on.") Integer port,
    @Required @Doc("HTTP or HTTPS.") String protocol,
    @Doc("TLS security policy for HTTPS (default ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09).")
        String sslPolicy,
    @Doc(
            "Further DNS-validated certificates an HTTPS listener serves by SNI, besides the"
                + " spec's certificate (its default); at most 25 per load balancer.")
        List<Certificate> certificates,
    @Required @Doc("What happens to a request that no rule matches.") Action defaultAction,
    @Doc(
            "Optional band of priorities elbctl may use on this listener, to share it with rules"
                + " managed elsewhere.")
        PriorityRange priorityRange,
    @Doc("Rules, evaluated in ascending priority; the first full match wins.") List<Rule> rules) {

  public static final String DEFAULT_SSL_POLICY = "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09";

  public Listener {
    if (sslPolicy == null && "HTTPS".equals(protocol)) {
      sslPolicy = DEFAULT_SSL_POLICY;
    }
    rules = rules == null ? List.of() : List.copyOf(rules);
    certificates = certificates == null ? List.of() : List.copyOf(certificates);
  }

  /** A listener without extra certificates. */
  public Listener(
      Integer port,
      String protocol,
      String sslPolicy,
      Action defaultAction,
      PriorityRange priorityRange,
      List<Rule> rules) {
    this(port, protocol, sslPolicy, null, defaultAction, priorityRange, rules);
  }

  public boolean https() {
    return "HTTPS".equals(protocol);
  }
}
