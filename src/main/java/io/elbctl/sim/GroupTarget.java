package io.elbctl.sim;

/**
 * One target of one group: what per-target bookkeeping (requests in flight, slow start, draining)
 * is kept by, compared without building a string per request.
 */
public record GroupTarget(String group, TargetRef target) {}
