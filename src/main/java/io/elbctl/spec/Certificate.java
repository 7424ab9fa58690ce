package io.elbctl.spec;

import java.util.ArrayList;
import java.util.List;

/** The DNS-validated ACM certificate that the HTTPS listener serves. */
public record Certificate(
    @Required @Doc("Primary name of the certificate, e.g. \"example.com\".") String domainName,
    @Doc("Further names the certificate covers, e.g. \"*.example.com\".")
        List<String> subjectAlternativeNames) {
  public Certificate {
    subjectAlternativeNames =
        subjectAlternativeNames == null ? List.of() : List.copyOf(subjectAlternativeNames);
  }

  /** The names in lower case, in no order: what tells two certificates apart. */
  public java.util.Set<String> nameSet() {
    java.util.Set<String> set = new java.util.TreeSet<>();
    allNames().forEach(n -> set.add(n.toLowerCase(java.util.Locale.ROOT)));
    return set;
  }

  /** The domain name followed by the alternative names, without duplicates. */
  public List<String> allNames() {
    List<String> names = new ArrayList<>();
    if (domainName != null) {
      names.add(domainName);
    }
    for (String san : subjectAlternativeNames) {
      if (!names.contains(san)) {
        names.add(san);
      }
    }
    return List.copyOf(names);
  }
}
