package io.elbctl.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.elbctl.ElbctlException;
import io.elbctl.live.LiveAlb.LiveAction;
import io.elbctl.live.LiveAlb.LiveCertificate;
import io.elbctl.live.LiveAlb.LiveListener;
import io.elbctl.live.LiveAlb.LiveRule;
import io.elbctl.spec.Authenticate;
import io.elbctl.spec.Certificate;
import io.elbctl.spec.Conditions;
import io.elbctl.spec.FixedResponseAction;
import io.elbctl.spec.ForwardAction;
import io.elbctl.spec.QueryStringCondition;
import io.elbctl.spec.Rewrite;
import io.elbctl.spec.SecretReference;
import io.elbctl.spec.SpecReader;
import io.elbctl.spec.SpecWriter;
import io.elbctl.spec.Transforms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the importer keeps of a live load balancer, and the place of everything it leaves out. */
class SpecImporterTest {
  /** A Cognito sign-in as the console writes it. */
  private static final Authenticate COGNITO =
      new Authenticate(
          "cognito",
          null,
          null,
          null,
          null,
          null,
          null,
          "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbC123",
          "pool-client",
          "shop-login",
          null,
          null,
          null,
          null);

  @Test
  void convert_keepsRoutingAndNames_andAWholeSpecHasNoWarnings() {
    LiveRule rule =
        new LiveRule(
            "arn:r1",
            3,
            List.of("path-pattern"),
            LiveAlbs.paths("/api/*"),
            List.of(LiveAlbs.forward(1, "web")),
            Transforms.NONE);
    SpecImporter.Imported imported = SpecImporter.convert(LiveAlbs.alb(Map.of(), rule));

    assertThat(imported.warnings())
        .extracting(ImportWarning::describe)
        .containsExactly(
            "loadBalancer.attributes.deletion_protection.enabled: true (AWS default false) is not"
                + " expressed by the spec",
            "listeners[443].mutualAuthentication: mode verify left out");
    var spec = imported.spec();
    assertThat(spec.name()).isEqualTo("shop-alb");
    assertThat(spec.domain().records()).containsExactly("shop.example");
    assertThat(spec.certificate().subjectAlternativeNames()).containsExactly("www.shop.example");
    assertThat(spec.loadBalancer().listeners().get(0).rules().get(0).priority()).isEqualTo(3);
    assertThat(spec.loadBalancer().listeners().get(0).certificates())
        .containsExactly(new Certificate("admin.shop.example", List.of()));
    assertThat(spec.network().securityGroups()).containsExactly("sg-0123abcd");
    String text = SpecWriter.write(spec, imported.notes()).toString();
    var reread = SpecReader.parse(text);
    assertThat(reread.errors()).as(text).isEmpty();
    assertThat(reread.spec()).isEqualTo(spec);
  }

  @Test
  void convert_namesThePlaceOfAuthenticateActions_andMergedQueryStrings() {
    Conditions queries =
        new Conditions(
            null,
            null,
            null,
            null,
            null,
            List.of(new QueryStringCondition("a", "1"), new QueryStringCondition("b", "2")),
            null,
            null);
    LiveRule authenticated =
        new LiveRule(
            "arn:r3",
            3,
            List.of("query-string", "query-string"),
            queries,
            List.of(new LiveAction("authenticate-oidc", 1, null), LiveAlbs.forward(2, "web")),
            Transforms.NONE);
    LiveRule onlyAuth =
        new LiveRule(
            "arn:r4",
            4,
            List.of("path-pattern"),
            LiveAlbs.paths("/x"),
            List.of(new LiveAction("authenticate-cognito", 1, null)),
            Transforms.NONE);
    SpecImporter.Imported imported =
        SpecImporter.convert(
            LiveAlbs.alb(
                Map.of("load_balancing.cross_zone.enabled", "true", "stickiness.enabled", "false"),
                authenticated,
                onlyAuth));

    assertThat(imported.notes())
        .contains(
            "targetGroups[web].attributes.load_balancing.cross_zone.enabled: true (AWS default"
                + " use_load_balancer_configuration) is not expressed by the spec",
            "listeners[443].rules[priority 3].conditions: 2 query-string conditions (all must"
                + " match) merged into one (any matches)",
            "listeners[443].rules[priority 3].actions[0]: authenticate-oidc action left out",
            "listeners[443].rules[priority 4].actions[0]: authenticate-cognito action left out",
            "listeners[443].rules[priority 4]: left out: it has no forward, redirect or"
                + " fixed-response action");
    assertThat(imported.spec().loadBalancer().listeners().get(0).rules())
        .extracting(r -> r.priority())
        .containsExactly(3);
    var written = SpecWriter.write(imported.spec(), imported.notes());
    assertThat(written.get("importNotes")).hasSize(imported.warnings().size());
    assertThat(SpecReader.parse(written.toString()).errors()).isEmpty();
  }

  @Test
  void convert_leavesOutSniCertificatesItCannotName_orThatRepeatTheDefaultsNames() {
    LiveAlb alb = LiveAlbs.alb(Map.of());
    LiveListener https = alb.listeners().get(0);
    String iam = "arn:aws:iam::123456789012:server-certificate/old";
    String copy = "arn:aws:acm:eu-west-1:123456789012:certificate/3";
    LiveListener withExtras =
        new LiveListener(
            https.arn(),
            https.port(),
            https.protocol(),
            https.sslPolicy(),
            https.defaultCertificateArn(),
            List.of(iam, LiveAlbs.SNI_CERT, copy),
            null,
            https.defaultActions(),
            https.rules());
    List<LiveCertificate> certificates = new java.util.ArrayList<>(alb.certificates());
    certificates.add(
        new LiveCertificate(
            copy, "www.shop.example", List.of("shop.example"), "ISSUED", null, "ELIGIBLE"));
    LiveAlb extras =
        new LiveAlb(
            alb.region(),
            alb.loadBalancer(),
            alb.vpcId(),
            Map.of(),
            List.of(withExtras),
            alb.targetGroups(),
            certificates,
            alb.zone(),
            alb.aliases());

    SpecImporter.Imported imported = SpecImporter.convert(extras);

    assertThat(imported.notes())
        .containsExactly(
            "listeners[443].certificates: extra certificate "
                + iam
                + " (SNI) left out: not an ACM certificate of this region",
            "listeners[443].certificates: extra certificate "
                + copy
                + " (SNI) left out: it names the same names as another certificate of the"
                + " listener");
    assertThat(imported.spec().loadBalancer().listeners().get(0).certificates())
        .extracting(Certificate::domainName)
        .containsExactly("admin.shop.example");
  }

  @Test
  void convert_keepsARulesHostHeaderAndUrlRewrites() {
    Transforms transforms =
        new Transforms(
            new Rewrite("^shop\\.example$", "internal.shop.example"),
            new Rewrite("^/api/(.*)$", "/v2/$1"));
    LiveRule rewritten =
        new LiveRule(
            "arn:r5",
            5,
            List.of("path-pattern"),
            LiveAlbs.paths("/api/*"),
            List.of(LiveAlbs.forward(1, "web")),
            transforms);

    SpecImporter.Imported imported = SpecImporter.convert(LiveAlbs.alb(Map.of(), rewritten));

    assertThat(imported.notes()).noneMatch(n -> n.contains("transforms"));
    var rule = imported.spec().loadBalancer().listeners().get(0).rules().get(0);
    assertThat(rule.transforms()).isEqualTo(transforms);
    String text = SpecWriter.write(imported.spec(), imported.notes()).toString();
    assertThat(text).contains("\"urlRewrite\"", "/v2/$1");
    assertThat(SpecReader.parse(text).spec()).isEqualTo(imported.spec());
  }

  @Test
  void convert_keepsAuthenticateActions_andNamesAnEnvironmentVariableForTheOidcSecret() {
    Authenticate oidc =
        new Authenticate(
            "oidc",
            "https://idp.example",
            "https://idp.example/authorize",
            "https://idp.example/token",
            "https://idp.example/userinfo",
            "shop-client",
            null,
            null,
            null,
            null,
            "deny",
            "openid email",
            null,
            3600);
    LiveRule oidcRule =
        new LiveRule(
            "arn:r6",
            6,
            List.of("path-pattern"),
            LiveAlbs.paths("/account/*"),
            List.of(new LiveAction("authenticate-oidc", 1, null, oidc), LiveAlbs.forward(2, "web")),
            Transforms.NONE);
    LiveRule cognitoRule =
        new LiveRule(
            "arn:r7",
            7,
            List.of("path-pattern"),
            LiveAlbs.paths("/admin/*"),
            List.of(
                LiveAlbs.forward(2, "web"),
                new LiveAction("authenticate-cognito", 1, null, COGNITO)),
            Transforms.NONE);

    SpecImporter.Imported imported =
        SpecImporter.convert(LiveAlbs.alb(Map.of(), oidcRule, cognitoRule));

    assertThat(imported.notes())
        .filteredOn(n -> n.contains("authenticate"))
        .containsExactly(
            "listeners[443].rules[priority 6].authenticate.clientSecret: AWS does not return the"
                + " client secret; OIDC_CLIENT_SECRET must hold it before apply");
    var rules = imported.spec().loadBalancer().listeners().get(0).rules();
    Authenticate kept = rules.get(0).authenticate();
    assertThat(kept.clientSecret()).isEqualTo(new SecretReference("OIDC_CLIENT_SECRET", null));
    assertThat(kept.issuer()).isEqualTo("https://idp.example");
    assertThat(kept.onUnauthenticatedRequest()).isEqualTo("deny");
    assertThat(kept.sessionTimeoutSeconds()).isEqualTo(3600);
    assertThat(rules.get(1).authenticate()).isEqualTo(COGNITO);
    assertThat(rules.get(1).action()).isInstanceOf(ForwardAction.class);
    String text = SpecWriter.write(imported.spec(), imported.notes()).toString();
    assertThat(text).contains("{\"env\":\"OIDC_CLIENT_SECRET\"}");
    assertThat(SpecReader.parse(text).spec()).isEqualTo(imported.spec());
  }

  @Test
  void convert_leavesOutAnAuthenticateActionOnAListenerDefault() {
    LiveAlb alb = LiveAlbs.alb(Map.of());
    LiveListener https = alb.listeners().get(0);
    LiveListener guarded =
        new LiveListener(
            https.arn(),
            https.port(),
            https.protocol(),
            https.sslPolicy(),
            https.defaultCertificateArn(),
            List.of(),
            null,
            List.of(
                new LiveAction("authenticate-cognito", 1, null, COGNITO),
                LiveAlbs.forward(2, "web")),
            List.of());
    LiveAlb withDefault =
        new LiveAlb(
            alb.region(),
            alb.loadBalancer(),
            alb.vpcId(),
            Map.of(),
            List.of(guarded),
            alb.targetGroups(),
            alb.certificates(),
            alb.zone(),
            alb.aliases());

    assertThat(SpecImporter.convert(withDefault).notes())
        .containsExactly("listeners[443].defaultActions[0]: authenticate-cognito action left out");
  }

  @Test
  void convert_withoutAnAliasRecord_isOneSentence() {
    LiveAlb alb = LiveAlbs.alb(Map.of());
    LiveAlb noAlias =
        new LiveAlb(
            alb.region(),
            alb.loadBalancer(),
            alb.vpcId(),
            alb.attributes(),
            alb.listeners(),
            alb.targetGroups(),
            alb.certificates(),
            null,
            List.of());
    assertThatThrownBy(() -> SpecImporter.convert(noAlias))
        .isInstanceOf(ElbctlException.class)
        .hasMessage(
            "no Route 53 alias record points at the load balancer shop-alb in a hosted zone of its"
                + " certificate's names; name the zone with --hosted-zone (a spec needs at least"
                + " one record name)");
  }

  @Test
  void convert_keepsAFixedResponseDefault() {
    LiveAlb alb = LiveAlbs.alb(Map.of());
    LiveListener http =
        new LiveListener(
            "arn:l80",
            80,
            "HTTP",
            "ELBSecurityPolicy-2016-08",
            null,
            List.of(),
            null,
            List.of(
                new LiveAction(
                    "fixed-response",
                    1,
                    new FixedResponseAction("fixed-response", "404", null, "no"))),
            List.of());
    LiveAlb both =
        new LiveAlb(
            alb.region(),
            alb.loadBalancer(),
            alb.vpcId(),
            alb.attributes(),
            List.of(alb.listeners().get(0), http),
            alb.targetGroups(),
            alb.certificates(),
            alb.zone(),
            alb.aliases());
    var listeners = SpecImporter.convert(both).spec().loadBalancer().listeners();
    assertThat(listeners.get(0).port()).isEqualTo(80);
    assertThat(listeners.get(0).sslPolicy()).isNull();
    assertThat(listeners.get(0).defaultAction()).isInstanceOf(FixedResponseAction.class);
  }
}
