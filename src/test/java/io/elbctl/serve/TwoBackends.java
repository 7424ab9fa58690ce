package io.elbctl.serve;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Two session-keeping backend instances ({@link #one}, {@link #two}) for a test's {@link #alb},
 * started before each test and closed after it with everything the test adds to {@link #open}.
 */
abstract class TwoBackends {
  final List<AutoCloseable> open = new ArrayList<>();
  SessionApp one;
  SessionApp two;
  LocalAlb alb;

  @BeforeEach
  void backends() throws Exception {
    one = new SessionApp("one");
    two = new SessionApp("two");
    open.add(one);
    open.add(two);
  }

  @AfterEach
  void close() throws Exception {
    if (alb != null) {
      alb.close();
    }
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
  }
}
