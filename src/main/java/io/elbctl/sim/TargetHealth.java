package io.elbctl.sim;

/**
 * A target's health as {@code DescribeTargetHealth} reports it: state, reason code ({@code Elb.*}
 * from the load balancer, {@code Target.*} from the target; null when healthy) and text.
 */
public record TargetHealth(
    String group, TargetRef target, TargetState state, String reason, String description) {}
