package io.elbctl.aws;

import io.elbctl.spec.Rewrite;
import io.elbctl.spec.Transforms;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.HostHeaderRewriteConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RewriteConfig;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RuleTransform;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.UrlRewriteConfig;

/** Translates a rule's transforms to ELBv2's {@code RuleTransform} list and back. */
final class RuleTransformTranslation {
  static final String HOST = "host-header-rewrite";
  static final String URL = "url-rewrite";

  private RuleTransformTranslation() {}

  /** The CreateRule/ModifyRule transforms; an empty list for a rule without any. */
  static List<RuleTransform> transforms(Transforms transforms) {
    List<RuleTransform> out = new ArrayList<>();
    if (transforms.hostHeaderRewrite() != null) {
      out.add(
          RuleTransform.builder()
              .type(HOST)
              .hostHeaderRewriteConfig(
                  HostHeaderRewriteConfig.builder()
                      .rewrites(rewrite(transforms.hostHeaderRewrite()))
                      .build())
              .build());
    }
    if (transforms.urlRewrite() != null) {
      out.add(
          RuleTransform.builder()
              .type(URL)
              .urlRewriteConfig(
                  UrlRewriteConfig.builder().rewrites(rewrite(transforms.urlRewrite())).build())
              .build());
    }
    return out;
  }

  /**
   * Live transforms as the spec writes them; a transform with no rewrite, or more than one (which
   * the spec cannot hold), is kept as an impossible rewrite so that it shows as drift.
   */
  static Transforms transforms(List<RuleTransform> live) {
    Rewrite host = null;
    Rewrite url = null;
    for (RuleTransform transform : live) {
      if (HOST.equals(transform.typeAsString()) && transform.hostHeaderRewriteConfig() != null) {
        host = rewrite(transform.hostHeaderRewriteConfig().rewrites());
      } else if (URL.equals(transform.typeAsString()) && transform.urlRewriteConfig() != null) {
        url = rewrite(transform.urlRewriteConfig().rewrites());
      }
    }
    return new Transforms(host, url);
  }

  private static RewriteConfig rewrite(Rewrite rewrite) {
    return RewriteConfig.builder().regex(rewrite.regex()).replace(rewrite.replace()).build();
  }

  private static Rewrite rewrite(List<RewriteConfig> rewrites) {
    if (rewrites.size() != 1) {
      return new Rewrite("(" + rewrites.size() + " rewrites)", "");
    }
    return new Rewrite(rewrites.get(0).regex(), rewrites.get(0).replace());
  }
}
