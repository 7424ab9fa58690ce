package io.elbctl.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Converts elbctl's tag maps to and from each service's own Tag shape. */
final class AwsTags {
  private AwsTags() {}

  static List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> elb(
      Map<String, String> tags) {
    return to(
        tags,
        (k, v) ->
            software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag.builder()
                .key(k)
                .value(v)
                .build());
  }

  static List<software.amazon.awssdk.services.ec2.model.Tag> ec2(Map<String, String> tags) {
    return to(
        tags,
        (k, v) -> software.amazon.awssdk.services.ec2.model.Tag.builder().key(k).value(v).build());
  }

  static List<software.amazon.awssdk.services.acm.model.Tag> acm(Map<String, String> tags) {
    return to(
        tags,
        (k, v) -> software.amazon.awssdk.services.acm.model.Tag.builder().key(k).value(v).build());
  }

  static Map<String, String> fromElb(
      List<software.amazon.awssdk.services.elasticloadbalancingv2.model.Tag> tags) {
    return from(tags, t -> t.key(), t -> t.value());
  }

  static Map<String, String> fromEc2(List<software.amazon.awssdk.services.ec2.model.Tag> tags) {
    return from(tags, t -> t.key(), t -> t.value());
  }

  /** ACM allows a tag without a value; elbctl reads it as the empty string. */
  static Map<String, String> fromAcm(List<software.amazon.awssdk.services.acm.model.Tag> tags) {
    return from(tags, t -> t.key(), t -> t.value() == null ? "" : t.value());
  }

  private static <T> List<T> to(Map<String, String> tags, BiFunction<String, String, T> tag) {
    return tags.entrySet().stream().map(e -> tag.apply(e.getKey(), e.getValue())).toList();
  }

  private static <T> Map<String, String> from(
      List<T> tags, Function<T, String> key, Function<T, String> value) {
    Map<String, String> map = new LinkedHashMap<>();
    tags.forEach(t -> map.put(key.apply(t), value.apply(t)));
    return map;
  }
}
