package io.elbctl.aws;

import static io.elbctl.aws.ElbctlRun.REGION;
import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.aws.ElbctlRun.Result;
import io.elbctl.plan.Diagnosis.Finding;
import io.elbctl.plan.Diagnosis.Level;
import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecReader;
import io.elbctl.steps.Doctor;
import io.elbctl.steps.Resolver;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * {@code elbctl doctor} against the emulator; public DNS is replaced by a fake resolver, since
 * these tests never leave the loopback interface.
 */
class DoctorTest extends OnExampleAccount {
  private Path file;

  @BeforeEach
  void writeSpec() {
    file = elbctl.spec(s -> {});
  }

  @Test
  void doctor_onAHealthySetup_passesEveryCheck_andSaysDnsWasNotQueried() {
    routeDefaultVpcToAnInternetGateway();
    Result result = elbctl.run("doctor", file.toString());
    assertThat(result.code()).as(result.toString()).isZero();
    assertThat(result.out())
        .contains(
            "skip delegation: could not query DNS (the AWS endpoint is overridden (http://127.0.0.1:")
        .contains("ok   caa:")
        .contains("ok   alias names:")
        .contains("ok   subnets: the subnets span")
        .contains("ok   internet route: every subnet routes 0.0.0.0/0 to an internet gateway")
        .contains("No problems found.");
  }

  @Test
  void delegation_matchingNameServers_pass_withFakeResolver() throws Exception {
    List<String> servers;
    try (var route53 = emulator.route53()) {
      servers = route53.getHostedZone(r -> r.id(zoneId)).delegationSet().nameServers();
    }
    assertThat(delegation((name, type) -> servers.stream().map(s -> s + ".").toList()).level())
        .isEqualTo(Level.OK);
  }

  @Test
  void delegation_toOtherNameServers_fails_withFakeResolver() throws Exception {
    Finding finding = delegation((name, type) -> List.of("ns1.registrar-parking.example.net."));
    assertThat(finding.level()).isEqualTo(Level.FAIL);
    assertThat(finding.message())
        .startsWith("DNS lists ns1.registrar-parking.example.net. for example.com. but the hosted")
        .endsWith("set these at the registrar, or ACM never validates the certificate");
  }

  @Test
  void delegation_withDnsUnreachable_isSkippedWithAReason_notFailed() throws Exception {
    Finding finding = delegation(Resolver.unavailable("connect timed out"));
    assertThat(finding.level()).isEqualTo(Level.SKIPPED);
    assertThat(finding.message()).startsWith("could not query DNS (connect timed out)");
  }

  @Test
  void caaForbiddingAmazon_andACnameAtAnAliasName_fail_andApplyWarnsAboutThem() {
    routeDefaultVpcToAnInternetGateway();
    account.upsert("example.com.", RRType.CAA, "0 issue \"letsencrypt.org\"");
    account.upsert("www.example.com.", RRType.CNAME, "elsewhere.example.net");
    Result doctor = elbctl.run("doctor", file.toString());
    assertThat(doctor.code()).as(doctor.toString()).isEqualTo(1);
    assertThat(doctor.out())
        .contains(
            "FAIL caa: CAA records forbid Amazon to issue for example.com (CAA at example.com.),"
                + " *.example.com (CAA at example.com.)")
        .contains("FAIL alias names: a CNAME sits at www.example.com.");
    Result apply = elbctl.run("plan", file.toString());
    assertThat(apply.code()).isEqualTo(6);
    Result applyRun = elbctl.run("apply", file.toString(), "--yes");
    assertThat(applyRun.err())
        .contains("warning: doctor: caa: CAA records forbid Amazon")
        .contains("elbctl: refused: a CNAME record www.example.com.");
  }

  @Test
  void subnetsWithoutARouteToAnInternetGateway_failForAnInternetFacingLoadBalancer() {
    // moto's default VPC, unlike AWS's, has no internet gateway.
    Result result = elbctl.run("doctor", file.toString(), "--output", "json");
    assertThat(result.code()).isEqualTo(1);
    var failed = new java.util.ArrayList<String>();
    result
        .json()
        .get("checks")
        .forEach(
            c -> {
              if (c.get("result").asText().equals("fail")) {
                failed.add(c.get("check").asText());
              }
            });
    assertThat(failed).containsExactly("internet route");
  }

  private void routeDefaultVpcToAnInternetGateway() {
    String vpc = elbctl.defaultVpc();
    try (var ec2 = elbctl.ec2()) {
      String igw = ec2.createInternetGateway().internetGateway().internetGatewayId();
      ec2.attachInternetGateway(r -> r.internetGatewayId(igw).vpcId(vpc));
      String table =
          ec2.describeRouteTables(r -> r.filters(f -> f.name("vpc-id").values(vpc)))
              .routeTables()
              .get(0)
              .routeTableId();
      ec2.createRoute(r -> r.routeTableId(table).destinationCidrBlock("0.0.0.0/0").gatewayId(igw));
    }
  }

  private Finding delegation(Resolver resolver) throws Exception {
    Spec spec = SpecReader.read(file).spec();
    try (AwsClients clients =
        new AwsClients(new AwsSettings(REGION, null, emulator.endpoint()), new CallStats())) {
      AwsGateway gateway = new AwsGateway(clients);
      return Doctor.run(spec, gateway.read(spec), gateway, resolver, REGION).stream()
          .filter(f -> f.check().equals("delegation"))
          .findFirst()
          .orElseThrow();
    }
  }
}
