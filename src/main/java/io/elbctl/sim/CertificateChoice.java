package io.elbctl.sim;

import io.elbctl.spec.Certificate;
import io.elbctl.spec.DnsName;
import io.elbctl.spec.Listener;
import io.elbctl.spec.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The certificate an HTTPS listener presents for a TLS server name (SNI), as the ALB guide
 * describes: a certificate that names the server name exactly, else one whose wildcard covers it,
 * else the default certificate (also for a client that sends no server name). When several match
 * alike, ALB prefers by key algorithm, key size and validity, which a spec does not show; elbctl
 * takes the first in listing order (the default, then the listener's in spec order) and says so.
 *
 * @param index the position in {@link #served}: 0 is the default certificate
 * @param reason how it was chosen, for the trace
 */
public record CertificateChoice(
    Certificate certificate, int index, String serverName, String reason) {

  /** What {@code listener} of {@code spec} serves: the spec's certificate, then its own. */
  public static List<Certificate> served(Spec spec, Listener listener) {
    List<Certificate> all = new ArrayList<>();
    if (spec.certificate() != null) {
      all.add(spec.certificate());
    }
    all.addAll(listener.certificates());
    return List.copyOf(all);
  }

  /** Chooses among {@code served} (default first, not empty) for {@code serverName} or null. */
  public static CertificateChoice choose(List<Certificate> served, String serverName) {
    if (serverName == null || serverName.isEmpty()) {
      return new CertificateChoice(
          served.get(0), 0, null, "no server name (SNI) sent: the default certificate");
    }
    String name = serverName.toLowerCase(Locale.ROOT);
    CertificateChoice exact = first(served, name, true, "names " + name + " exactly");
    if (exact != null) {
      return exact;
    }
    CertificateChoice wildcard = first(served, name, false, "covers " + name + " by its wildcard");
    if (wildcard != null) {
      return wildcard;
    }
    return new CertificateChoice(
        served.get(0),
        0,
        name,
        "no certificate covers " + name + ": the default certificate (browsers reject it)");
  }

  private static CertificateChoice first(
      List<Certificate> served, String name, boolean exact, String reason) {
    List<Integer> matches = new ArrayList<>();
    for (int i = 0; i < served.size(); i++) {
      for (String candidate : served.get(i).allNames()) {
        boolean wildcard = candidate.startsWith("*.");
        if (exact
            ? !wildcard && candidate.equalsIgnoreCase(name)
            : wildcard && DnsName.covers(candidate, name)) {
          matches.add(i);
          break;
        }
      }
    }
    if (matches.isEmpty()) {
      return null;
    }
    int index = matches.get(0);
    String tie =
        matches.size() > 1
            ? "; "
                + matches.size()
                + " certificates do, ALB picks by key type, size and validity,"
                + " elbctl the first listed"
            : "";
    return new CertificateChoice(served.get(index), index, name, reason + tie);
  }

  /** {@code example.com (default)} or {@code api.example.com}: the certificate's first name. */
  public String label() {
    return certificate.domainName() + (index == 0 ? " (default)" : "");
  }
}
