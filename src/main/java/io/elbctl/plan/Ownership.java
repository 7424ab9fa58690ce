package io.elbctl.plan;

import java.util.List;
import java.util.Map;

/**
 * The tags that mark a resource as created by elbctl for one spec; AWS holds the state, so these
 * tags are how a later run recognises its own resources.
 */
public final class Ownership {
  public static final String SPEC_TAG = "elbctl:spec";
  public static final String MANAGED_BY_TAG = "managed-by";
  public static final String MANAGED_BY = "elbctl";

  private Ownership() {}

  /** The tags to put on every resource created for {@code specName}; two of moto's ten. */
  public static Map<String, String> tags(String specName) {
    return Map.of(SPEC_TAG, specName, MANAGED_BY_TAG, MANAGED_BY);
  }

  /** True when {@code tags} mark the resource as created for {@code specName}. */
  public static boolean owns(String specName, Map<String, String> tags) {
    return specName.equals(tags.get(SPEC_TAG));
  }

  /** Tags as "key=value" pairs, sorted, for messages. */
  public static List<String> describe(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
  }
}
