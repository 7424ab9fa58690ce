package io.elbctl.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The time window of a replay, {@code since} inclusive and {@code until} exclusive (either open):
 * it decides from an access-log line's {@code time} field whether the line counts, and from an ALB
 * log file's name whether the file can hold any line that counts.
 *
 * @param since the first instant that counts, or null for no lower bound
 * @param until the first instant that no longer counts, or null for no upper bound
 */
public record ReplayWindow(Instant since, Instant until) {
  /** No bounds: every line counts, and lines need no time. */
  public static final ReplayWindow ALL = new ReplayWindow(null, null);

  /**
   * ALB delivers one file per load-balancer node every five minutes, named after the interval's
   * end. A file is kept unless its interval, widened by this much on each side for late delivery
   * and clock skew, lies wholly outside the window; the lines' own times still decide.
   */
  static final Duration INTERVAL = Duration.ofMinutes(5);

  static final Duration SLACK = Duration.ofMinutes(5);

  /** {@code _20240501T1205Z_} in {@code ..._elasticloadbalancing_REGION_app.NAME.ID_...}. */
  private static final Pattern NAME_END =
      Pattern.compile("_elasticloadbalancing_[^_/]+_[^_/]+_(\\d{8}T\\d{4}Z)_[^/]*$");

  private static final long NONE = Long.MIN_VALUE;

  public ReplayWindow {
    if (since != null && until != null && !since.isBefore(until)) {
      throw new IllegalArgumentException("--since must be before --until");
    }
  }

  /** True when the window has a bound, so every line's time must be read. */
  public boolean bounded() {
    return since != null || until != null;
  }

  /**
   * False only when {@code name} is an ALB access-log file name whose interval (with slack) lies
   * wholly outside the window; any other name may hold lines that count.
   */
  public boolean mayHold(String name) {
    if (!bounded()) {
      return true;
    }
    Matcher m = NAME_END.matcher(name);
    if (!m.find()) {
      return true;
    }
    String end = m.group(1);
    Instant intervalEnd =
        Instant.parse(
            end.substring(0, 4)
                + "-"
                + end.substring(4, 6)
                + "-"
                + end.substring(6, 8)
                + "T"
                + end.substring(9, 11)
                + ":"
                + end.substring(11, 13)
                + ":00Z");
    Instant first = intervalEnd.minus(INTERVAL).minus(SLACK);
    Instant last = intervalEnd.plus(SLACK);
    boolean allBefore = since != null && !last.isAfter(since);
    boolean allAfter = until != null && !first.isBefore(until);
    return !allBefore && !allAfter;
  }

  /** The window's bounds in epoch microseconds, for the per-line check. */
  long sinceMicros() {
    return since == null ? Long.MIN_VALUE + 1 : micros(since);
  }

  long untilMicros() {
    return until == null ? Long.MAX_VALUE : micros(until);
  }

  private static long micros(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
  }

  /**
   * The {@code time} field (the second field, {@code 2024-05-01T12:00:00.123456Z}) of the
   * access-log line in {@code b[from, to)} as epoch microseconds, or {@link Long#MIN_VALUE} when
   * the line has none. Read digit by digit: this runs once per line of a replay.
   */
  static long lineTime(byte[] b, int from, int to) {
    int start = from;
    while (start < to && b[start] != ' ') {
      start++;
    }
    start++;
    // YYYY-MM-DDTHH:MM:SS then an optional fraction of up to 9 digits, then Z.
    if (start + 20 > to
        || b[start + 4] != '-'
        || b[start + 7] != '-'
        || b[start + 10] != 'T'
        || b[start + 13] != ':'
        || b[start + 16] != ':') {
      return NONE;
    }
    int year = digits(b, start, 4);
    int month = digits(b, start + 5, 2);
    int day = digits(b, start + 8, 2);
    int hour = digits(b, start + 11, 2);
    int minute = digits(b, start + 14, 2);
    int second = digits(b, start + 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 31
        || hour > 23
        || minute > 59
        || second > 60) {
      return NONE;
    }
    int i = start + 19;
    long micros = 0;
    int fraction = 0;
    if (i < to && b[i] == '.') {
      i++;
      while (i < to && b[i] >= '0' && b[i] <= '9') {
        if (fraction < 6) {
          micros = micros * 10 + (b[i] - '0');
        }
        fraction++;
        i++;
      }
      if (fraction == 0) {
        return NONE;
      }
    }
    if (i >= to || b[i] != 'Z') {
      return NONE;
    }
    for (int f = Math.min(fraction, 6); f < 6; f++) {
      micros *= 10;
    }
    long seconds = days(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second;
    return seconds * 1_000_000L + micros;
  }

  private static int digits(byte[] b, int at, int count) {
    int value = 0;
    for (int k = 0; k < count; k++) {
      int d = b[at + k] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      value = value * 10 + d;
    }
    return value;
  }

  /** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
  static long days(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yearOfEra = y - era * 400;
    int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097L + dayOfEra - 719_468L;
  }
}
