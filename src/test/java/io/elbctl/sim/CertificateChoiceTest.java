package io.elbctl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.spec.Certificate;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SNI certificate selection as the ALB guide states it: exact name, then wildcard, then the default
 * certificate, which also answers clients that send no server name.
 */
class CertificateChoiceTest {
  private static final List<Certificate> SERVED =
      List.of(
          new Certificate("example.com", List.of("*.example.com")),
          new Certificate("shop.example.org", List.of("*.shop.example.org")),
          new Certificate("api.example.com", null),
          new Certificate("x.example.net", List.of("*.example.net", "www.example.com")));

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      nullValues = "none",
      value = {
        "none, 0, no server name (SNI) sent: the default certificate",
        "example.com, 0, names example.com exactly",
        // Exact beats the default's wildcard, wherever it is listed.
        "api.example.com, 2, names api.example.com exactly",
        "API.Example.COM, 2, names api.example.com exactly",
        "www.example.com, 3, names www.example.com exactly",
        "a.shop.example.org, 1, covers a.shop.example.org by its wildcard",
        "shop.example.org, 1, names shop.example.org exactly",
        // A wildcard covers one label only.
        "a.b.shop.example.org, 0, no certificate covers a.b.shop.example.org: the default"
            + " certificate (browsers reject it)",
        "other.org, 0, no certificate covers other.org: the default certificate (browsers reject"
            + " it)",
        "y.example.net, 3, covers y.example.net by its wildcard",
      })
  void choosesAsAlbDoes(String serverName, int index, String reason) {
    CertificateChoice choice = CertificateChoice.choose(SERVED, serverName);
    assertThat(choice.index()).isEqualTo(index);
    assertThat(choice.reason()).isEqualTo(reason);
  }

  @org.junit.jupiter.api.Test
  void aTieTakesTheFirstListed_andSaysALBDecidesByKey() {
    List<Certificate> two =
        List.of(new Certificate("a.example.com", null), new Certificate("a.example.com", null));
    CertificateChoice choice = CertificateChoice.choose(two, "a.example.com");
    assertThat(choice.index()).isZero();
    assertThat(choice.reason())
        .isEqualTo(
            "names a.example.com exactly; 2 certificates do, ALB picks by key type, size and"
                + " validity, elbctl the first listed");
  }
}
