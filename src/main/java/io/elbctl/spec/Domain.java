package io.elbctl.spec;

import java.util.List;

/** The hosted zone that holds the domain and the record names that alias the load balancer. */
public record Domain(
    @Required @Doc("Name of the public Route 53 hosted zone, e.g. \"example.com\".")
        String hostedZone,
    @Required @Doc("Record names (inside the hosted zone) that alias the load balancer.")
        List<String> records) {
  public Domain {
    records = records == null ? List.of() : List.copyOf(records);
  }
}
