package io.elbctl.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplayWindowTest {
  private static final String NAME =
      "AWSLogs/123456789012/elasticloadbalancing/us-east-2/2024/05/01/"
          + "123456789012_elasticloadbalancing_us-east-2_app.my-alb.50dc6c495c0c9188_%s_"
          + "192.0.2.10_2soosksi.log.gz";

  private static final ReplayWindow NOON_TO_ONE =
      new ReplayWindow(
          Instant.parse("2024-05-01T12:00:00Z"), Instant.parse("2024-05-01T13:00:00Z"));

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    // The file ending at 11:55 holds 11:50-11:55; with five minutes of slack it ends by 12:00.
    "20240501T1155Z, false",
    "20240501T1200Z, true",
    "20240501T1230Z, true",
    "20240501T1305Z, true",
    "20240501T1309Z, true",
    // Holds 13:05-13:10; with five minutes of slack it starts at 13:00, the end of the window.
    "20240501T1310Z, false",
    "20240430T1230Z, false",
    "20240502T1230Z, false"
  })
  void mayHold_skipsOnlyFilesNamedWhollyOutside(String end, boolean kept) {
    assertThat(NOON_TO_ONE.mayHold(NAME.formatted(end))).isEqualTo(kept);
  }

  @Test
  void mayHold_keepsEveryNameThatIsNotAnAlbLogName() {
    assertThat(NOON_TO_ONE.mayHold("access.log")).isTrue();
    assertThat(NOON_TO_ONE.mayHold("2019/01/01/access.log.gz")).isTrue();
    assertThat(NOON_TO_ONE.mayHold("x_elasticloadbalancing_us-east-2_app.a.b_2019-01-01_ip_r.log"))
        .isTrue();
  }

  @Test
  void mayHold_withAnOpenWindow_keepsEverything() {
    assertThat(ReplayWindow.ALL.mayHold(NAME.formatted("19990101T0000Z"))).isTrue();
    ReplayWindow since = new ReplayWindow(Instant.parse("2024-05-01T12:00:00Z"), null);
    assertThat(since.mayHold(NAME.formatted("20990101T0000Z"))).isTrue();
    assertThat(since.mayHold(NAME.formatted("20240501T1100Z"))).isFalse();
    ReplayWindow until = new ReplayWindow(null, Instant.parse("2024-05-01T12:00:00Z"));
    assertThat(until.mayHold(NAME.formatted("20000101T0000Z"))).isTrue();
    assertThat(until.mayHold(NAME.formatted("20240501T1300Z"))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "2024-05-01T12:00:00.123456Z",
    "2018-07-02T22:23:00.186641Z",
    "1970-01-01T00:00:00.000000Z",
    "2000-02-29T23:59:59.999999Z",
    "2100-03-01T00:00:00.5Z",
    "2024-12-31T23:59:59Z",
    "1969-12-31T23:59:59.000001Z"
  })
  void lineTime_readsTheSecondFieldAsInstantDoes(String time) {
    byte[] line = ("https " + time + " app/my-alb/50dc6c495c0c9188 1.2.3.4:5 -").getBytes();
    Instant expected = Instant.parse(time);
    long micros = expected.getEpochSecond() * 1_000_000L + expected.getNano() / 1000;
    assertThat(ReplayWindow.lineTime(line, 0, line.length)).isEqualTo(micros);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "GET https://example.com/",
        "https 2024-05-01 12:00:00Z x",
        "https 2024-13-01T12:00:00Z x",
        "https 2024-05-01T12:00:00.Z x",
        "https 2024-05-01T12:00:00.123456 x",
        "https",
        "h2 2024-05-01T1x:00:00Z x"
      })
  void lineTime_withoutAValidTime_isNone(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    assertThat(ReplayWindow.lineTime(bytes, 0, bytes.length)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void days_matchesTheJdkCalendarOverFourCenturies() {
    for (LocalDate date = LocalDate.of(1800, 1, 1);
        date.isBefore(LocalDate.of(2200, 1, 1));
        date = date.plusDays(1)) {
      assertThat(ReplayWindow.days(date.getYear(), date.getMonthValue(), date.getDayOfMonth()))
          .as("%s", date)
          .isEqualTo(date.toEpochDay());
    }
  }
}
