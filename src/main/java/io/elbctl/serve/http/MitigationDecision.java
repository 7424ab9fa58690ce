package io.elbctl.serve.http;

/**
 * What to do with one classified request.
 *
 * @param forward whether the request goes upstream
 * @param status the status to answer instead when not forwarded (400), or 0 when forwarded
 * @param closeClient whether the client connection closes after the response
 * @param closeUpstream whether the target connection closes after the response instead of going
 *     back to the pool (false when nothing was sent upstream)
 */
public record MitigationDecision(
    boolean forward, int status, boolean closeClient, boolean closeUpstream) {
  /** Route it and keep both connections. */
  public static final MitigationDecision FORWARD = new MitigationDecision(true, 0, false, false);

  /** Route it, then close the client and the target connection (Ambiguous in defensive mode). */
  public static final MitigationDecision FORWARD_THEN_CLOSE =
      new MitigationDecision(true, 0, true, true);

  /** Answer 400 with {@code Connection: close}, close the client connection, send nothing up. */
  public static final MitigationDecision BLOCK =
      new MitigationDecision(false, DesyncMode.BLOCKED_STATUS, true, false);

  public MitigationDecision {
    if (forward != (status == 0)) {
      throw new IllegalArgumentException("a status is answered exactly when not forwarding");
    }
  }
}
