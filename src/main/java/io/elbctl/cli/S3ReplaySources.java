package io.elbctl.cli;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.aws.AwsClients;
import io.elbctl.aws.CallStats;
import io.elbctl.aws.S3Logs;
import io.elbctl.sim.LogPipeline;
import io.elbctl.sim.ReplayWindow;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The access-log objects under {@code s3://bucket/prefix}, listed and streamed with the command's
 * AWS options. The only replay class that reaches the AWS SDK, so a local replay loads none of it.
 */
final class S3ReplaySources extends ReplaySources {
  private final AwsClients clients;
  private final S3Logs logs;
  private final String bucket;
  private final String prefix;
  private final ReplayWindow window;

  private S3ReplaySources(AwsClients clients, String bucket, String prefix, ReplayWindow window) {
    this.clients = clients;
    this.logs = new S3Logs(clients);
    this.bucket = bucket;
    this.prefix = prefix;
    this.window = window;
  }

  /** Sources for {@code url} ({@code s3://bucket} or {@code s3://bucket/prefix}). */
  static ReplaySources open(
      String url,
      ReplayWindow window,
      AwsOptions options,
      io.elbctl.spec.Spec spec,
      java.util.Map<String, String> env) {
    String rest = url.substring("s3://".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String prefix = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new ElbctlException(
          ExitCode.USAGE, "--replay " + url + ": name the bucket, as in s3://BUCKET/PREFIX");
    }
    AwsClients clients = new AwsClients(options.settings(spec, env), new CallStats());
    return new S3ReplaySources(clients, bucket, prefix, window);
  }

  @Override
  public Iterator<LogPipeline.Source> iterator() {
    Iterator<S3Logs.Listed> listed = logs.list(bucket, prefix).iterator();
    return new Iterator<>() {
      private S3Logs.Listed next;

      @Override
      public boolean hasNext() {
        while (next == null && listed.hasNext()) {
          S3Logs.Listed candidate = listed.next();
          String name = candidate.key().substring(candidate.key().lastIndexOf('/') + 1);
          boolean log = name.endsWith(".log") || name.endsWith(".gz");
          if (log && keep(window, name)) {
            next = candidate;
          }
        }
        return next != null;
      }

      @Override
      public LogPipeline.Source next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        String key = next.key();
        next = null;
        return source("s3://" + bucket + "/" + key, () -> logs.open(bucket, key));
      }
    };
  }

  @Override
  public void close() {
    clients.close();
  }
}
