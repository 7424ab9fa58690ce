package io.elbctl.aws;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Access-log objects under an {@code s3://bucket/prefix}, as ALB writes them: keys listed page by
 * page in key order (the order of their names), each object streamed as it is read, never stored.
 */
public final class S3Logs {
  /** One object: its key and size in bytes. */
  public record Listed(String key, long size) {}

  private final AwsClients clients;
  private final AwsErrors errors;

  public S3Logs(AwsClients clients) {
    this.clients = clients;
    this.errors = new AwsErrors(clients);
  }

  /**
   * The objects under {@code prefix}, read one page ahead of the caller; a missing bucket or a
   * refused listing is one sentence.
   */
  public Iterable<Listed> list(String bucket, String prefix) {
    return () -> {
      Iterator<S3Object> objects =
          call(
              bucket,
              () ->
                  clients
                      .s3()
                      .listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix))
                      .contents()
                      .iterator());
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          return call(bucket, objects::hasNext);
        }

        @Override
        public Listed next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          S3Object object = call(bucket, objects::next);
          return new Listed(object.key(), object.size() == null ? -1 : object.size());
        }
      };
    };
  }

  /** The object's bytes as they arrive; a read that fails is an {@link IOException}. */
  public InputStream open(String bucket, String key) {
    ResponseInputStream<GetObjectResponse> body =
        call(bucket, () -> clients.s3().getObject(r -> r.bucket(bucket).key(key)));
    return new FilterInputStream(body) {
      private boolean ended;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        try {
          int n = super.read(b, off, len);
          ended |= n < 0;
          return n;
        } catch (SdkException e) {
          throw new IOException(e.getMessage(), e);
        }
      }

      @Override
      public void close() throws IOException {
        if (!ended) {
          // Stopped early: drop the connection rather than download the rest.
          body.abort();
        }
        super.close();
      }
    };
  }

  private <T> T call(String bucket, Supplier<T> action) {
    return errors.call(
        () -> {
          try {
            return action.get();
          } catch (NoSuchBucketException e) {
            throw new ElbctlException(
                ExitCode.ERROR, "S3 bucket " + bucket + " does not exist (NoSuchBucket).", e);
          } catch (NoSuchKeyException e) {
            throw new ElbctlException(
                ExitCode.ERROR, "an object listed in S3 bucket " + bucket + " is gone.", e);
          }
        });
  }
}
