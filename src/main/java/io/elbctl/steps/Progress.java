package io.elbctl.steps;

import java.time.Duration;

/** Where steps report what they did and what they are waiting for. */
public interface Progress {
  /** A completed action, e.g. "+ created target group client". */
  void done(String line);

  /** Called on every poll of a wait, with the time waited so far and the last status seen. */
  void waiting(String what, Duration elapsed, String status);

  /** A wait is over. */
  void waited(String what, Duration elapsed);

  /** Discards everything. */
  Progress SILENT =
      new Progress() {
        public void done(String line) {}

        public void waiting(String what, Duration elapsed, String status) {}

        public void waited(String what, Duration elapsed) {}
      };
}
