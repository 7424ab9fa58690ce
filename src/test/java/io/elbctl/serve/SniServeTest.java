package io.elbctl.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.TrustAnything;
import io.elbctl.spec.SpecReader;
import io.elbctl.spec.SpecResult;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * serve's TLS presents the certificate the ALB would for the client's server name: a real TLS
 * handshake on 127.0.0.1 against the context serve builds for a spec with two SNI certificates.
 */
class SniServeTest {
  private static final String SPEC =
      """
      {
        "apiVersion": "elbctl/v1", "name": "sni", "region": "eu-west-1",
        "domain": { "hostedZone": "example.com", "records": ["example.com", "api.example.com"] },
        "certificate": { "domainName": "example.com" },
        "targetGroups": [ { "name": "app", "port": 3000, "targets": [ { "id": "i-0123456789abcdef0" } ] } ],
        "loadBalancer": { "name": "sni-alb", "listeners": [
          { "port": 443, "protocol": "HTTPS",
            "certificates": [ { "domainName": "api.example.com" },
                              { "domainName": "shop.example.com", "subjectAlternativeNames": ["*.shop.example.com"] } ],
            "defaultAction": { "type": "forward", "targetGroup": "app" } } ] }
      }
      """;

  private static SSLContext server;

  @BeforeAll
  static void context() {
    SpecResult parsed = SpecReader.parse(SPEC);
    assertThat(parsed.errors()).isEmpty();
    server = ServerCertificate.forSpec(parsed.spec(), null, null);
  }

  @Test
  void eachServerNameGetsItsCertificate_andOthersTheDefault() throws Exception {
    assertThat(namesPresentedFor("api.example.com")).containsExactly("api.example.com");
    assertThat(namesPresentedFor("a.shop.example.com"))
        .containsExactly("shop.example.com", "*.shop.example.com");
    assertThat(namesPresentedFor("other.example.org")).contains("localhost", "example.com");
    assertThat(namesPresentedFor(null)).contains("localhost", "example.com");
  }

  /** The DNS names of the certificate the server presents to a client sending {@code sni}. */
  private static List<String> namesPresentedFor(String sni) throws Exception {
    try (var listening =
        server
            .getServerSocketFactory()
            .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Thread accept =
          new Thread(
              () -> {
                try (SSLSocket socket = (SSLSocket) listening.accept()) {
                  socket.startHandshake();
                } catch (java.io.IOException e) {
                  // The client closes after the handshake.
                }
              });
      accept.start();
      SSLContext client = TrustAnything.context();
      try (SSLSocket socket =
          (SSLSocket)
              client
                  .getSocketFactory()
                  .createSocket(
                      java.net.InetAddress.getLoopbackAddress(), listening.getLocalPort())) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        X509Certificate presented = (X509Certificate) socket.getSession().getPeerCertificates()[0];
        List<String> names = new ArrayList<>();
        for (List<?> entry : presented.getSubjectAlternativeNames()) {
          if (entry.get(0).equals(2)) {
            names.add((String) entry.get(1));
          }
        }
        return names;
      } finally {
        accept.join(10_000);
      }
    }
  }
}
