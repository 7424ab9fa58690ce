package io.elbctl.plan;

import io.elbctl.plan.Inventory.LoadBalancerState;
import io.elbctl.plan.Inventory.RecordSet;
import io.elbctl.spec.DnsName;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tags that mark a resource as created by elbctl for one spec; AWS holds the state, so these
 * tags are how a later run recognises its own resources. Route 53 records have no tags: a TXT
 * record beside each alias, at {@code _elbctl.<name>}, marks it instead.
 */
public final class Ownership {
  public static final String SPEC_TAG = "elbctl:spec";
  public static final String MANAGED_BY_TAG = "managed-by";
  public static final String MANAGED_BY = "elbctl";

  /** The hash of the spec fragment a resource was last applied from (see {@link SpecHash}). */
  public static final String HASH_TAG = "elbctl:spec-hash";

  /** How many SNI certificates elbctl last made a listener serve; absent means none. */
  public static final String SNI_TAG = "elbctl:sni-certificates";

  /** The label prefixed to a record name to find its ownership TXT record. */
  public static final String MARKER_PREFIX = "_elbctl.";

  private Ownership() {}

  /** The tags to put on every resource created for {@code specName}; two of moto's ten. */
  public static Map<String, String> tags(String specName) {
    return Map.of(SPEC_TAG, specName, MANAGED_BY_TAG, MANAGED_BY);
  }

  /** The ownership tags plus the hash of the fragment the resource is applied from. */
  public static Map<String, String> tags(String specName, String hash) {
    Map<String, String> tags = new LinkedHashMap<>(tags(specName));
    tags.put(HASH_TAG, hash);
    return Map.copyOf(tags);
  }

  /** True when {@code tags} mark the resource as created for {@code specName}. */
  public static boolean owns(String specName, Map<String, String> tags) {
    return specName.equals(tags.get(SPEC_TAG));
  }

  /**
   * True when the resource is owned and was last applied from a fragment hashing to {@code hash}.
   */
  public static boolean appliedFrom(String specName, Map<String, String> tags, String hash) {
    return owns(specName, tags) && hash.equals(tags.get(HASH_TAG));
  }

  /** The name of the TXT record that marks the record {@code fqdn} as elbctl's. */
  public static String markerName(String fqdn) {
    return MARKER_PREFIX + fqdn;
  }

  /** The TXT value (quoted, as Route 53 stores it) that marks a record as {@code specName}'s. */
  public static String markerValue(String specName) {
    return "\"elbctl:spec=" + specName + "\"";
  }

  /** Tags as "key=value" pairs, sorted, for messages. */
  public static List<String> describe(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
  }

  /** Who a record name belongs to, as its ownership TXT record says. */
  public enum RecordOwner {
    THIS_SPEC,
    OTHER,
    NOBODY
  }

  /**
   * The owner of the record at {@code fqdn}: the spec its TXT marker names, else this spec when an
   * A or AAAA alias already points at this spec's load balancer.
   */
  public static RecordOwner recordOwner(String specName, Inventory inventory, String fqdn) {
    Optional<RecordSet> marker = marker(inventory, fqdn);
    if (marker.isPresent()) {
      boolean ours = marker.get().values().contains(markerValue(specName));
      return ours ? RecordOwner.THIS_SPEC : RecordOwner.OTHER;
    }
    LoadBalancerState lb = inventory.loadBalancer();
    if (lb != null && owns(specName, lb.tags())) {
      boolean aliased =
          inventory.records().stream()
              .anyMatch(
                  r ->
                      DnsName.fqdn(r.name()).equals(fqdn)
                          && (r.type().equals("A") || r.type().equals("AAAA"))
                          && pointsAt(r, lb));
      if (aliased) {
        return RecordOwner.THIS_SPEC;
      }
    }
    return RecordOwner.NOBODY;
  }

  /** The TXT record that marks {@code fqdn} as an elbctl spec's, if any. */
  public static Optional<RecordSet> marker(Inventory inventory, String fqdn) {
    String markerName = DnsName.fqdn(markerName(fqdn));
    return inventory.records().stream()
        .filter(r -> DnsName.fqdn(r.name()).equals(markerName) && r.type().equals("TXT"))
        .filter(r -> r.values().stream().anyMatch(v -> v.startsWith("\"elbctl:spec=")))
        .findFirst();
  }

  /** True when {@code record} is an alias to {@code lb}. */
  public static boolean pointsAt(RecordSet record, LoadBalancerState lb) {
    return record.aliasDnsName() != null
        && DnsName.fqdn(record.aliasDnsName())
            .equals(DnsName.fqdn(ResourceNames.aliasTarget(lb.dnsName())))
        && lb.canonicalHostedZoneId().equals(record.aliasZoneId());
  }
}
