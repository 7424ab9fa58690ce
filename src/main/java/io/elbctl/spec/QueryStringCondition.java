package io.elbctl.spec;

/** A query-string pair; a missing key matches any key. Use \* and \? for literal characters. */
public record QueryStringCondition(
    @Doc("Key glob; omit to match any key.") String key,
    @Required @Doc("Value glob (case-insensitive).") String value) {}
