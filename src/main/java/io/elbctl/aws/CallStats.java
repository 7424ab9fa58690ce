package io.elbctl.aws;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts AWS calls per operation, split into reads, mutations and polls made while waiting, and the
 * time spent waiting; filled by {@link CallCountingInterceptor}, shown by {@code --stats}.
 */
public final class CallStats {
  /** Calls of one operation. */
  public record Count(String service, String operation, boolean mutating, int calls, int polls) {}

  private final Map<String, Count> counts = new TreeMap<>();
  private boolean polling;
  private long waitNanos;
  private String lastFailedOperation;
  private int retries;
  private java.util.function.Consumer<String> notices = line -> {};

  synchronized void record(String service, String operation) {
    String key = service + ":" + operation;
    Count old = counts.get(key);
    int calls = old == null ? 0 : old.calls();
    int polls = old == null ? 0 : old.polls();
    counts.put(
        key,
        new Count(
            service,
            operation,
            isMutating(operation),
            polling ? calls : calls + 1,
            polling ? polls + 1 : polls));
  }

  synchronized void failed(String operation) {
    lastFailedOperation = operation;
  }

  /** Where retry notices go (the command's stderr); nowhere until set. */
  public synchronized void onNotice(java.util.function.Consumer<String> sink) {
    notices = sink;
  }

  void retrying(String notice) {
    java.util.function.Consumer<String> sink;
    synchronized (this) {
      retries++;
      sink = notices;
    }
    sink.accept(notice);
  }

  /** Attempts the SDK repeated after throttling, a 5xx answer or a broken connection. */
  public synchronized int retries() {
    return retries;
  }

  /** Marks the calls made from now on as polls of a wait (they do not count against budgets). */
  public synchronized void polling(boolean on) {
    polling = on;
  }

  public synchronized void addWait(Duration waited) {
    waitNanos += waited.toNanos();
  }

  /** The operation of the last call that failed, for error messages. */
  public synchronized String lastFailedOperation() {
    return lastFailedOperation;
  }

  static boolean isMutating(String operation) {
    return !(operation.startsWith("Describe")
        || operation.startsWith("List")
        || operation.startsWith("Get"));
  }

  public synchronized java.util.List<Count> counts() {
    return java.util.List.copyOf(counts.values());
  }

  /** Calls outside waits. */
  public synchronized int calls() {
    return counts.values().stream().mapToInt(Count::calls).sum();
  }

  /** Mutating calls (never made while polling). */
  public synchronized int mutating() {
    return counts.values().stream().filter(Count::mutating).mapToInt(Count::calls).sum();
  }

  public synchronized int reads() {
    return calls() - mutating();
  }

  public synchronized int polls() {
    return counts.values().stream().mapToInt(Count::polls).sum();
  }

  public synchronized Duration waited() {
    return Duration.ofNanos(waitNanos);
  }
}
