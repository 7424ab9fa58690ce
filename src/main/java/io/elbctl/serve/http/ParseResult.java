package io.elbctl.serve.http;

import java.util.Objects;

/**
 * What an incremental head parser says after a chunk of bytes.
 *
 * @param <H> the head type (request or response)
 */
public sealed interface ParseResult<H>
    permits ParseResult.NeedMore, ParseResult.Complete, ParseResult.Rejected {

  /** Every byte of the chunk was taken; the head is not complete yet. */
  record NeedMore<H>() implements ParseResult<H> {}

  /**
   * The head is complete.
   *
   * @param head the parsed head
   * @param bytesConsumed how many bytes of the last chunk belong to the head; the bytes after them
   *     (a body, or the next request) are the caller's
   */
  record Complete<H>(H head, int bytesConsumed) implements ParseResult<H> {
    public Complete {
      Objects.requireNonNull(head, "head");
    }
  }

  /**
   * The bytes can never form an acceptable head; the caller answers {@code status} (with {@code
   * Connection: close}) and closes the connection.
   *
   * @param status the status to answer: 400 for a request head, 502 for an upstream response head
   * @param reason one sentence saying what was wrong, for logs and tests
   */
  record Rejected<H>(int status, String reason) implements ParseResult<H> {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
