package io.elbctl.spec;

/** One regex rewrite of a rule transform: where {@code regex} matches, {@code replace} is used. */
public record Rewrite(
    @Required
        @Doc(
            "Regular expression (RE2-like: no lookaround, backreferences, atomic or possessive"
                + " groups, Unicode classes; at most 1024 characters).")
        String regex,
    @Required
        @Doc(
            "Replacement for the matched part; $1, $2 ... insert capture groups (at most 1024"
                + " characters).")
        String replace) {}
