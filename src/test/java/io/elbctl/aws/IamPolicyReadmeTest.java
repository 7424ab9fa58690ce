package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.cli.Main;
import io.elbctl.spec.Spec;
import io.elbctl.spec.SpecFixtures;
import io.elbctl.spec.SpecReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's permission table is {@link IamPolicy}'s statements for the example spec, rendered by
 * {@code elbctl iam-policy --explain}; this test keeps them equal (run with {@code
 * -Delbctl.updateReadme=true} to rewrite the table). It also checks what the policy grants for
 * record names without any AWS call.
 */
class IamPolicyReadmeTest {
  static final String BEGIN = "<!-- generated:iam-policy-table by IamPolicyReadmeTest -->\n";
  static final String END = "<!-- /generated:iam-policy-table -->";
  static final String ZONE = "Z0123456789";
  static final String GROUP = "sg-0123456789abcdef0";

  @Test
  void theReadmesPermissionTable_isTheExampleSpecsPolicy() throws Exception {
    Spec spec = SpecReader.read(SpecFixtures.example("oauth2-split.json")).spec();
    String table =
        IamPolicyDocument.markdown(
            IamPolicy.statements(spec, ZONE, new IamPolicy.Adoption(List.of(GROUP))));
    Path readme = SpecFixtures.projectDir().resolve("README.md");
    String text = Files.readString(readme);
    int begin = text.indexOf(BEGIN);
    int end = text.indexOf(END);
    assertThat(begin).as("README.md has the generated IAM policy table markers").isPositive();
    assertThat(end).isGreaterThan(begin);
    String expected = text.substring(0, begin + BEGIN.length()) + table + text.substring(end);
    if (Boolean.getBoolean("elbctl.updateReadme")) {
      Files.writeString(readme, expected);
    }
    assertThat(text.substring(begin + BEGIN.length(), end))
        .as("README.md's IAM policy table; rerun with -Delbctl.updateReadme=true to rewrite it")
        .isEqualTo(table);
  }

  @Test
  void theExampleSpecsPolicy_withAdopt_fitsInAManagedPolicy() throws Exception {
    Spec spec = SpecReader.read(SpecFixtures.example("oauth2-split.json")).spec();
    String json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .writeValueAsString(
                IamPolicyDocument.document(
                    IamPolicy.statements(spec, ZONE, new IamPolicy.Adoption(List.of(GROUP)))));
    assertThat(IamPolicyDocument.size(json))
        .isBetween(1000L, (long) IamPolicyDocument.MANAGED_POLICY_LIMIT);
    assertThat(IamPolicyDocument.size(" {\n\t}")).isEqualTo(2);
  }

  @Test
  void aPolicyTooLargeForAManagedPolicy_isPrinted_withAWarningSayingWhatToDo(@TempDir Path dir)
      throws Exception {
    StringBuilder records = new StringBuilder("[");
    for (int i = 0; i < 30; i++) {
      records.append(i == 0 ? "" : ",").append("\"service-").append(i).append(".example.com\"");
    }
    Path spec = dir.resolve("large.json");
    Files.writeString(
        spec, SpecFixtures.with("oauth2-split.json", "domain.records", records + "]"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.run(
            new String[] {"iam-policy", "--hosted-zone-id", ZONE, spec.toString()},
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9"));
    assertThat(code).as(out + "\n" + err).isZero();
    assertThat(out.toString()).contains("\"service-29.example.com\"");
    assertThat(err.toString())
        .containsPattern(
            "elbctl: the policy has \\d+ characters without whitespace, more than the 6144 AWS"
                + " allows in a managed policy; attach it as an inline policy");
  }

  @Test
  void explain_printsTheTable_withoutCallingAws() {
    String text = run("iam-policy", "--explain", "--hosted-zone-id", ZONE, example());
    assertThat(text).startsWith("| statement | actions |").contains("`ApplyRecords`");
    assertThat(text).doesNotContain("Adopt");
  }

  @Test
  void recordNames_areTheSpecsOwnAndAcmsValidationPattern() throws Exception {
    Spec spec = SpecReader.read(SpecFixtures.example("oauth2-split.json")).spec();
    assertThat(IamPolicy.recordNames(spec))
        .containsExactly(
            "example.com",
            "_elbctl.example.com",
            "www.example.com",
            "_elbctl.www.example.com",
            "_elbctl-lock.myapp.example.com",
            "_????????????????????????????????.example.com");
  }

  @Test
  void readOnly_withAZoneId_printsOnlyReads() {
    String json =
        run("iam-policy", "--read-only", "--hosted-zone-id", "/hostedzone/ZFAKE", example());
    assertThat(json)
        .contains("arn:aws:route53:::hostedzone/ZFAKE\"", "\"PlanDescribe\"")
        .doesNotContain("Apply", "Destroy", "Adopt");
  }

  private static String example() {
    return SpecFixtures.example("oauth2-split.json").toString();
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // An endpoint nothing listens on: a call to AWS would fail the command.
    int code =
        Main.run(
            args,
            new PrintWriter(out),
            new PrintWriter(err),
            Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9"));
    assertThat(code).as(out + "\n" + err).isZero();
    return out.toString();
  }
}
