package io.elbctl.spec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks the domain and certificate sections, and that the certificate covers every record. */
final class DomainRules extends SpecRules {
  static final int MAX_CERTIFICATE_NAMES_DEFAULT = 10;
  static final int MAX_CERTIFICATE_NAMES = 100;

  DomainRules(Spec spec, List<Problem> problems) {
    super(spec, problems);
  }

  void domain(Domain domain) {
    String zone = domain.hostedZone();
    boolean zoneValid = false;
    if (zone != null) {
      String why = DnsName.problem(zone, false);
      if (why != null) {
        error("domain.hostedZone", why);
      } else {
        zoneValid = true;
      }
    }
    if (domain.records().isEmpty()) {
      error("domain.records", "must name at least one record, e.g. the hosted zone's apex");
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < domain.records().size(); i++) {
      String record = domain.records().get(i);
      String path = "domain.records[" + i + "]";
      String why = DnsName.problem(record, true);
      if (why != null) {
        error(path, why);
        continue;
      }
      if (!seen.add(DnsName.normalize(record))) {
        error(path, "duplicate record \"" + record + "\"");
      }
      if (zoneValid && !DnsName.inZone(record, zone)) {
        error(path, "\"" + record + "\" is not inside the hosted zone " + zone);
      }
    }
  }

  void certificate(Certificate certificate) {
    certificate("certificate", certificate);
  }

  /** Checks one certificate whose JSON path is {@code at}. */
  void certificate(String at, Certificate certificate) {
    List<String> names = new ArrayList<>();
    if (certificate.domainName() != null) {
      names.add(certificate.domainName());
      String why = DnsName.problem(certificate.domainName(), true);
      if (why != null) {
        error(at + ".domainName", why);
      } else if (certificate.domainName().length() > 64) {
        error(
            at + ".domainName",
            "must be at most 64 characters (it becomes the certificate's common name)");
      }
    }
    Set<String> seen = new HashSet<>();
    if (certificate.domainName() != null) {
      seen.add(DnsName.normalize(certificate.domainName()));
    }
    for (int i = 0; i < certificate.subjectAlternativeNames().size(); i++) {
      String name = certificate.subjectAlternativeNames().get(i);
      String path = at + ".subjectAlternativeNames[" + i + "]";
      String why = DnsName.problem(name, true);
      if (why != null) {
        error(path, why);
      } else if (!seen.add(DnsName.normalize(name))) {
        warning(path, "\"" + name + "\" is already covered; it is requested once");
      }
      names.add(name);
    }
    if (names.size() > MAX_CERTIFICATE_NAMES) {
      error(
          at + ".subjectAlternativeNames",
          "a certificate covers at most " + MAX_CERTIFICATE_NAMES + " names, got " + names.size());
    } else if (names.size() > MAX_CERTIFICATE_NAMES_DEFAULT) {
      warning(
          at + ".subjectAlternativeNames",
          names.size()
              + " names exceed ACM's default quota of "
              + MAX_CERTIFICATE_NAMES_DEFAULT
              + " per certificate; request a quota increase first");
    }
    String zone = spec.domain() == null ? null : spec.domain().hostedZone();
    if (zone != null && DnsName.problem(zone, false) == null) {
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        if (DnsName.problem(name, true) == null && !DnsName.inZone(name, zone)) {
          String path =
              i == 0 && certificate.domainName() != null
                  ? at + ".domainName"
                  : at
                      + ".subjectAlternativeNames["
                      + (i - (certificate.domainName() != null ? 1 : 0))
                      + "]";
          error(
              path,
              "\""
                  + name
                  + "\" is outside the hosted zone "
                  + zone
                  + "; elbctl validates certificates through that zone");
        }
      }
    }
  }

  void coverage() {
    boolean https =
        spec.loadBalancer() != null
            && spec.loadBalancer().listeners().stream().anyMatch(Listener::https);
    if (!https) {
      if (spec.certificate() != null && spec.loadBalancer() != null) {
        warning("certificate", "is requested but no listener uses HTTPS");
      }
      return;
    }
    if (spec.certificate() == null) {
      error("certificate", "is required because a listener uses HTTPS");
      return;
    }
    if (spec.domain() == null) {
      return;
    }
    List<String> names = new ArrayList<>();
    spec.certificates().forEach(c -> names.addAll(c.allNames()));
    for (int i = 0; i < spec.domain().records().size(); i++) {
      String record = spec.domain().records().get(i);
      if (DnsName.problem(record, true) != null) {
        continue;
      }
      boolean covered = names.stream().anyMatch(name -> DnsName.covers(name, record));
      if (!covered) {
        error(
            "domain.records[" + i + "]",
            "\""
                + record
                + "\" is not covered by the certificate's names "
                + names
                + "; browsers would reject HTTPS for it");
      }
    }
  }
}
