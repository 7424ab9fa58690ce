package io.elbctl.plan;

import io.elbctl.spec.Spec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** The names and tokens elbctl derives from a spec for the resources it creates. */
public final class ResourceNames {
  private ResourceNames() {}

  /** The IdempotencyToken for the spec's certificate: a re-run within the hour gets the same. */
  public static String idempotencyToken(Spec spec) {
    return idempotencyToken(spec, spec.certificate());
  }

  /** The ACM idempotency token for one certificate of the spec. */
  public static String idempotencyToken(Spec spec, io.elbctl.spec.Certificate certificate) {
    List<String> names =
        certificate.allNames().stream()
            .map(n -> n.toLowerCase(Locale.ROOT))
            .sorted(Comparator.naturalOrder())
            .toList();
    String seed = spec.name() + "|" + spec.region() + "|" + String.join(",", names);
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /** The name elbctl gives the security group it creates for the load balancer. */
  public static String securityGroupName(Spec spec) {
    return "elbctl-" + spec.name() + "-" + spec.loadBalancer().name();
  }

  /** The alias target Route 53 should use for a load balancer DNS name. */
  public static String aliasTarget(String loadBalancerDnsName) {
    String name = loadBalancerDnsName.toLowerCase(Locale.ROOT);
    return name.startsWith("dualstack.") ? name : "dualstack." + name;
  }
}
