/**
 * The byte-level half of the local ALB's front door: an incremental parser of HTTP/1.x request
 * heads that keeps every byte as received, the desync classifier that sorts a request into ALB's
 * tiers (Compliant, Acceptable, Ambiguous, Severe) with ALB's reason codes as AWS's
 * http-desync-guardian defines them, the per-mode decision of ALB's desync mitigation table, strict
 * body framing and chunked decoding, and the validation of upstream response heads.
 *
 * <p>Only JDK types are used, so every rule here is tested by feeding it hostile bytes; the
 * connection engine calls these decisions and performs none of its own.
 */
package io.elbctl.serve.http;
