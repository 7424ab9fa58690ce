package io.elbctl.serve;

import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes one line per request in the ALB access-log format (the fields in AWS's documented order,
 * space-separated, strings quoted), so tools that read ALB logs, {@code elbctl simulate --replay}
 * among them, read the local log too. Lines are written by a thread of their own, off the event
 * loops, and flushed whenever no line waits.
 */
public final class AccessLogWriter implements AutoCloseable {
  static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** What the log records of one request; fields left null are written as {@code -}. */
  static final class Entry {
    String type = "http";
    Instant received;
    String client;
    String target;
    double requestSeconds = -1;
    double targetSeconds = -1;
    double responseSeconds = -1;
    int elbStatus;
    String targetStatus;
    long receivedBytes;
    long sentBytes;
    String requestLine;
    String userAgent;
    String sslCipher;
    String sslProtocol;
    String targetGroupArn;
    String traceId;
    String domain;
    String priority;
    String actions;
    String redirectUrl;
    String errorReason;
    String classification;
    String classificationReason;
  }

  private final Writer out;
  private final boolean closeOut;
  private final String loadBalancer;
  private final String groupArnPrefix;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>(65_536);
  private final Thread writer;
  private volatile boolean closing;

  /**
   * A log on {@code out}.
   *
   * @param closeOut whether closing the log closes {@code out} (not for standard output)
   */
  public AccessLogWriter(Writer out, boolean closeOut, String loadBalancerName, String region) {
    this.out = out;
    this.closeOut = closeOut;
    this.loadBalancer = "app/" + loadBalancerName + "/local";
    this.groupArnPrefix = "arn:aws:elasticloadbalancing:" + region + ":000000000000:targetgroup/";
    this.writer = new Thread(this::drain, "access-log");
    writer.setDaemon(true);
    writer.start();
  }

  private void drain() {
    try {
      while (!closing || !lines.isEmpty()) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line == null) {
          continue;
        }
        for (; line != null; line = lines.poll()) {
          try {
            out.write(line);
          } catch (IOException ex) {
            // A full disk must not stop the proxy; the request itself has been answered.
          }
        }
        flush();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The log {@code --access-log} asks for: {@code -} for {@code stdout}, else a file appended to.
   *
   * @throws io.elbctl.ElbctlException (exit code 1) when the file cannot be opened
   */
  public static AccessLogWriter open(
      String where, java.io.PrintWriter stdout, String loadBalancerName, String region) {
    if (where.equals("-")) {
      return new AccessLogWriter(stdout, false, loadBalancerName, region);
    }
    try {
      Writer writer =
          java.nio.file.Files.newBufferedWriter(
              java.nio.file.Path.of(where),
              java.nio.charset.StandardCharsets.UTF_8,
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.APPEND);
      return new AccessLogWriter(writer, true, loadBalancerName, region);
    } catch (IOException | RuntimeException e) {
      throw new io.elbctl.ElbctlException(
          io.elbctl.ExitCode.ERROR,
          "cannot write the access log " + where + ": " + e.getMessage() + ".");
    }
  }

  /** The ARN the log names a target group by: the real ARN's shape, with a local id. */
  String groupArn(String group) {
    return groupArnPrefix + group + "/local";
  }

  void write(Entry e) {
    Instant now = Instant.now();
    StringBuilder line = new StringBuilder(512);
    line.append(e.type).append(' ');
    line.append(TIME.format(now)).append(' ');
    line.append(loadBalancer).append(' ');
    line.append(dash(e.client)).append(' ');
    line.append(dash(e.target)).append(' ');
    line.append(seconds(e.requestSeconds)).append(' ');
    line.append(seconds(e.targetSeconds)).append(' ');
    line.append(seconds(e.responseSeconds)).append(' ');
    line.append(e.elbStatus).append(' ');
    line.append(dash(e.targetStatus)).append(' ');
    line.append(e.receivedBytes).append(' ');
    line.append(e.sentBytes).append(' ');
    quoted(line, e.requestLine).append(' ');
    quoted(line, e.userAgent).append(' ');
    line.append(dash(e.sslCipher)).append(' ');
    line.append(dash(e.sslProtocol)).append(' ');
    line.append(dash(e.targetGroupArn)).append(' ');
    quoted(line, e.traceId).append(' ');
    quoted(line, e.domain).append(' ');
    quoted(line, null).append(' ');
    line.append(dash(e.priority)).append(' ');
    line.append(TIME.format(e.received == null ? now : e.received)).append(' ');
    quoted(line, e.actions).append(' ');
    quoted(line, e.redirectUrl).append(' ');
    quoted(line, e.errorReason).append(' ');
    quoted(line, e.target).append(' ');
    quoted(line, e.targetStatus).append(' ');
    quoted(line, e.classification).append(' ');
    quoted(line, e.classificationReason).append(' ');
    line.append("TID_local").append('\n');
    try {
      lines.put(line.toString());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  private static String dash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }

  private static String seconds(double value) {
    if (value < 0) {
      return "-1";
    }
    return String.format(Locale.ROOT, "%.3f", value);
  }

  /** Appends a quoted field, escaping quotes and backslashes as the ALB does. */
  private static StringBuilder quoted(StringBuilder line, String value) {
    line.append('"');
    if (value == null || value.isEmpty()) {
      line.append('-');
    } else {
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"' || c == '\\') {
          line.append('\\').append(c);
        } else if (c < 0x20 || c == 0x7f) {
          line.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
        } else {
          line.append(c);
        }
      }
    }
    return line.append('"');
  }

  synchronized void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      // See write(): logging problems never fail requests.
    }
  }

  @Override
  public void close() {
    closing = true;
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
    if (closeOut) {
      synchronized (this) {
        try {
          out.close();
        } catch (IOException e) {
          // Closing a log that can no longer be written loses nothing more.
        }
      }
    }
  }
}
