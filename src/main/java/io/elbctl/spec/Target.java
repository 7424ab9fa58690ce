package io.elbctl.spec;

/** One registered target of a target group. */
public record Target(
    @Required @Doc("Instance id (i-...) or IP address, matching the group's targetType.") String id,
    @Doc("Port override; defaults to the target group's port.") Integer port) {}
