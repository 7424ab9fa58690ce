package io.elbctl.plan;

import io.elbctl.ExitCode;

/**
 * A reason the apply cannot proceed, found while planning (a missing hosted zone, a resource owned
 * by someone else); carries the exit code the commands end with.
 */
public record Refusal(StepKind step, ExitCode exitCode, String message) {}
