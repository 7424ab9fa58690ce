package io.elbctl.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.elbctl.cli.Cli;
import io.elbctl.spec.SpecFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * {@code simulate --replay s3://bucket/prefix} against the emulator: gzipped ALB logs in the layout
 * ALB writes, listed and streamed through the command's AWS options, with the objects that the time
 * window rules out by name never fetched.
 */
class S3ReplayTest {
  private static final Path SPEC = SpecFixtures.example("oauth2-split.json");
  private static final String DAY =
      "alb/AWSLogs/123456789012/elasticloadbalancing/ap-northeast-2/2024/05/01/";

  private static String key(String end) {
    return DAY
        + "123456789012_elasticloadbalancing_ap-northeast-2_app.my-alb.50dc6c495c0c9188_"
        + end
        + "_192.0.2.10_2soosksi.log.gz";
  }

  private static String line(String time, String path) {
    return "https "
        + time
        + " app/my-alb/50dc6c495c0c9188 203.0.113.7:40001 10.0.1.10:3000 0.0 0.0 0.0 200 200 1 2"
        + " \"GET https://example.com:443"
        + path
        + " HTTP/1.1\" \"curl/8\" - - - \"Root=1-0\" \"example.com\" \"-\" 0 "
        + time
        + " \"forward\" \"-\" \"-\" \"10.0.1.10:3000\" \"200\" \"-\" \"-\" TID_1\n";
  }

  private static byte[] gzip(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * A bucket with three five-minute logs of 100, 200 and 50 lines, and objects that are no logs.
   */
  private static String bucketWithLogs(Sandbox sandbox) {
    String bucket = "elbctl-logs-" + sandbox.proxy.account();
    try (S3Client s3 =
        AwsSnapshot.client(
                S3Client.builder(),
                Region.of(sandbox.region),
                sandbox.moto(),
                sandbox.proxy.account())
            .forcePathStyle(true)
            .build()) {
      s3.createBucket(
          r ->
              r.bucket(bucket)
                  .createBucketConfiguration(c -> c.locationConstraint(sandbox.region)));
      s3.putObject(
          r -> r.bucket(bucket).key(key("20240501T1205Z")),
          RequestBody.fromBytes(
              gzip(
                  line("2024-05-01T12:01:00.000000Z", "/login/oauth2/code/google").repeat(40)
                      + line("2024-05-01T12:02:00.000000Z", "/").repeat(60))));
      s3.putObject(
          r -> r.bucket(bucket).key(key("20240501T1210Z")),
          RequestBody.fromBytes(
              gzip(
                  line("2024-05-01T12:06:00.000000Z", "/oauth2/authorization/google").repeat(150)
                      + line("2024-05-01T12:08:00.000000Z", "/").repeat(50))));
      s3.putObject(
          r -> r.bucket(bucket).key(key("20240501T1405Z")),
          RequestBody.fromBytes(gzip(line("2024-05-01T14:01:00.000000Z", "/").repeat(50))));
      s3.putObject(
          r -> r.bucket(bucket).key("alb/AWSLogs/123456789012/ELBAccessLogTestFile"),
          RequestBody.fromString("Enable AccessLog for ELB: my-alb at 2024-05-01T11:59:00Z"));
      s3.putObject(
          r -> r.bucket(bucket).key("other/" + key("20240501T1205Z")),
          RequestBody.fromBytes(gzip(line("2024-05-01T12:01:00.000000Z", "/").repeat(7))));
    }
    return bucket;
  }

  @Test
  void replay_readsTheGzippedLogsUnderThePrefix() {
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(0), SPEC)) {
      String bucket = bucketWithLogs(sandbox);

      Cli.Result run =
          sandbox.run(
              "simulate",
              "-f",
              SPEC.toString(),
              "--replay",
              "s3://" + bucket + "/alb/",
              "-o",
              "json");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out())
          .contains("\"logs\" : 3")
          .contains("\"lines\" : 350")
          .contains("\"unparsed\" : 0")
          .contains("\"443 rule 20\" : 40")
          .contains("\"443 rule 10\" : 150")
          .contains("\"443 default\" : 160");
    }
  }

  @Test
  void sinceAndUntil_fetchOnlyTheObjectsNamedForTheWindow() {
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(1), SPEC)) {
      String bucket = bucketWithLogs(sandbox);
      List<String> fetched = Collections.synchronizedList(new ArrayList<>());
      sandbox.proxy.behave(
          (call, moto) -> {
            if (call.service().equals("s3")
                && (call.query() == null || !call.query().contains("list-type"))) {
              fetched.add(call.path());
            }
            return moto.send();
          });

      Cli.Result run =
          sandbox.run(
              "simulate",
              "-f",
              SPEC.toString(),
              "--replay",
              "s3://" + bucket + "/alb",
              "--since",
              "2024-05-01T12:05:00Z",
              "--until",
              "2024-05-01T12:07:00Z",
              "-o",
              "json");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.out())
          .contains("\"logs\" : 2")
          .contains("\"skippedLogs\" : 1")
          .contains("\"lines\" : 300")
          .contains("\"outsideWindow\" : 150")
          .contains("\"443 rule 10\" : 150")
          .doesNotContain("rule 20");
      assertThat(fetched)
          .containsExactly(
              "/" + bucket + "/" + key("20240501T1205Z"),
              "/" + bucket + "/" + key("20240501T1210Z"));
    }
  }

  @Test
  void aMissingBucket_isOneSentenceWithExitOne() {
    try (Sandbox sandbox = new Sandbox(MotoPool.endpoint(0), SPEC)) {
      Cli.Result run =
          sandbox.run(
              "simulate", "-f", SPEC.toString(), "--replay", "s3://elbctl-no-such-bucket/logs/");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.err().strip())
          .isEqualTo("elbctl: S3 bucket elbctl-no-such-bucket does not exist (NoSuchBucket).");
    }
  }
}
