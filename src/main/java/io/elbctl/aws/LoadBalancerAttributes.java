package io.elbctl.aws;

import io.elbctl.spec.LoadBalancer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerAttribute;

/**
 * The load balancer attributes elbctl manages, read with one DescribeLoadBalancerAttributes call
 * and translated to the spec's terms.
 */
record LoadBalancerAttributes(
    int idleTimeoutSeconds, String desyncMitigationMode, boolean dropInvalidHeaderFields) {
  static final String IDLE_TIMEOUT = "idle_timeout.timeout_seconds";
  static final String DESYNC_MITIGATION_MODE = "routing.http.desync_mitigation_mode";
  static final String DROP_INVALID_HEADER_FIELDS =
      "routing.http.drop_invalid_header_fields.enabled";

  static LoadBalancerAttributes read(AwsClients clients, String lbArn) {
    return of(readAll(clients, lbArn));
  }

  /** Every attribute of the load balancer by key (one DescribeLoadBalancerAttributes call). */
  static Map<String, String> readAll(AwsClients clients, String lbArn) {
    Map<String, String> values = new HashMap<>();
    for (LoadBalancerAttribute attribute :
        clients.elb().describeLoadBalancerAttributes(r -> r.loadBalancerArn(lbArn)).attributes()) {
      values.put(attribute.key(), attribute.value());
    }
    return values;
  }

  /** The managed attributes among {@code values}. */
  static LoadBalancerAttributes of(Map<String, String> values) {
    // AWS always reports these attributes; moto leaves out what was never set, so the absent ones
    // take AWS's defaults.
    return new LoadBalancerAttributes(
        Integer.parseInt(values.getOrDefault(IDLE_TIMEOUT, "60")),
        values.getOrDefault(DESYNC_MITIGATION_MODE, LoadBalancer.DEFAULT_DESYNC_MITIGATION_MODE),
        Boolean.parseBoolean(values.getOrDefault(DROP_INVALID_HEADER_FIELDS, "false")));
  }

  /** The attribute values that give {@code lb}'s desync mitigation and header handling. */
  static Map<String, String> requestHandling(LoadBalancer lb) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(DESYNC_MITIGATION_MODE, lb.desyncMitigationMode());
    values.put(DROP_INVALID_HEADER_FIELDS, String.valueOf(lb.dropInvalidHeaderFields()));
    return values;
  }
}
