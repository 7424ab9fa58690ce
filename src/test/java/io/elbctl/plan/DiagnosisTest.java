package io.elbctl.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.plan.Diagnosis.DnsAnswer;
import io.elbctl.plan.Diagnosis.Facts;
import io.elbctl.plan.Diagnosis.Finding;
import io.elbctl.plan.Diagnosis.Level;
import io.elbctl.plan.Diagnosis.SubnetRoute;
import io.elbctl.plan.Inventory.ListenerState;
import io.elbctl.spec.Spec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The doctor's checks as tables over facts, no AWS and no DNS. */
class DiagnosisTest {
  private final Spec spec = PlannerTest.spec(s -> {});

  static Stream<Arguments> caa() {
    return Stream.of(
        Arguments.of(List.of("0 issue \"amazon.com\""), false, true),
        Arguments.of(List.of("0 issue \"letsencrypt.org\""), false, false),
        Arguments.of(
            List.of("0 issue \"letsencrypt.org\"", "0 issue \"amazontrust.com\""), false, true),
        Arguments.of(List.of("0 iodef \"mailto:sec@example.com\""), false, true),
        Arguments.of(List.of("0 issue \"amazon.com\"", "0 issuewild \";\""), true, false),
        Arguments.of(
            List.of("0 issue \"letsencrypt.org\"", "0 issuewild \"amazon.com\""), true, true),
        Arguments.of(List.of("128 issue \"awstrust.com; account=1\""), false, true));
  }

  @ParameterizedTest(name = "{0} wildcard={1} → {2}")
  @MethodSource
  void caa(List<String> values, boolean wildcard, boolean allowed) {
    assertThat(Diagnosis.allowsAmazon(values, wildcard)).isEqualTo(allowed);
  }

  @Test
  void certificateFromAnotherRegion_fails() {
    Inventory base = PlannerTest.converged(spec);
    ListenerState https = base.listener(443).orElseThrow();
    List<ListenerState> listeners =
        List.of(
            base.listener(80).orElseThrow(),
            InventoryEdit.listener(
                https,
                "arn:aws:acm:us-east-1:123456789012:certificate/abc",
                https.tags(),
                https.rules()));
    Inventory inventory = InventoryEdit.of(base, e -> e.listeners = listeners);
    assertThat(finding(inventory, "certificate region").message())
        .isEqualTo(
            "listener HTTPS:443 serves a certificate from us-east-1 but the load balancer is in"
                + " ap-northeast-2; ACM certificates work only in their own region");
  }

  @Test
  void everyAliasCoveredByTheServedCertificate_isOk() {
    Finding finding = finding(PlannerTest.converged(spec), "certificate coverage");
    assertThat(finding.level()).isEqualTo(Level.OK);
  }

  @Test
  void anAliasNoServedCertificateCovers_isAWarning() {
    Inventory base = PlannerTest.converged(spec);
    List<Inventory.RecordSet> records = new java.util.ArrayList<>(base.records());
    Inventory.RecordSet alias = records.get(records.size() - 1);
    // a.b.example.com is two labels below the certificate's *.example.com.
    records.add(
        new Inventory.RecordSet(
            "a.b.example.com.", "A", alias.aliasDnsName(), alias.aliasZoneId(), List.of()));
    records.add(
        new Inventory.RecordSet(
            "other.example.com.", "A", "elsewhere.example.net.", "Z9", List.of()));
    Inventory inventory = InventoryEdit.of(base, e -> e.records = records);
    Finding finding = finding(inventory, "certificate coverage");
    assertThat(finding.level()).isEqualTo(Level.WARN);
    assertThat(finding.message())
        .isEqualTo(
            "no certificate the HTTPS listeners serve covers a.b.example.com, which alias the load"
                + " balancer; browsers reject HTTPS there (add the name to the certificate or a"
                + " listener's certificates)");
  }

  @Test
  void subnetsInOneZone_fail() {
    Facts facts =
        new Facts(
            PlannerTest.converged(spec),
            List.of("ns-1.awsdns-01.org"),
            DnsAnswer.of(List.of("ns-1.awsdns-01.org.")),
            List.of(
                new SubnetRoute("subnet-a", "az-1", true),
                new SubnetRoute("subnet-b", "az-1", true)),
            "ap-northeast-2");
    List<Finding> findings = Diagnosis.check(spec, facts);
    assertThat(findings)
        .filteredOn(f -> f.check().equals("subnets"))
        .extracting(Finding::level)
        .containsExactly(Level.FAIL);
    assertThat(findings)
        .filteredOn(f -> f.check().equals("delegation"))
        .extracting(Finding::level)
        .containsExactly(Level.OK);
  }

  private Finding finding(Inventory inventory, String check) {
    Facts facts =
        new Facts(
            inventory,
            List.of(),
            DnsAnswer.unreachable("no network"),
            List.of(
                new SubnetRoute("subnet-a", "az-1", true),
                new SubnetRoute("subnet-b", "az-2", true)),
            "ap-northeast-2");
    return Diagnosis.check(spec, facts).stream()
        .filter(f -> f.check().equals(check))
        .findFirst()
        .orElseThrow();
  }
}
