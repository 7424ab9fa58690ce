package io.elbctl.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
}
