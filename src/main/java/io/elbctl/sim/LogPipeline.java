package io.elbctl.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Reads log sources one after the other on the calling thread (inflating gzip ones) into large
 * chunks that end at a line end, and hands the chunks to worker threads that scan them: reading or
 * inflating one chunk overlaps with scanning the ones before it.
 */
public final class LogPipeline {
  /** One log to read: a file, an S3 object, standard input. */
  public interface Source {
    /** How messages name it: a path or an {@code s3://} URL. */
    String name();

    /** The log's bytes, gzip-compressed or not, streamed. */
    InputStream open() throws IOException;
  }

  /** A source that could not be read: its name and the reason, in words. */
  public static final class UnreadableSource extends IOException {
    private final String source;

    UnreadableSource(String source, String reason, Throwable cause) {
      super(source + ": " + reason, cause);
      this.source = source;
    }

    public String source() {
      return source;
    }
  }

  /** What a replay has read so far, for a progress line; updated once per chunk. */
  public static final class Progress {
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong lines = new AtomicLong();
    final AtomicLong sources = new AtomicLong();
    volatile String current = "";

    /** Uncompressed bytes read. */
    public long bytes() {
      return bytes.get();
    }

    public long lines() {
      return lines.get();
    }

    /** Sources opened so far. */
    public long sources() {
      return sources.get();
    }

    /** The source being read. */
    public String current() {
      return current;
    }
  }

  /** Scans chunks on one worker thread. */
  interface Worker {
    /** Scans {@code b[0, length)} (whole lines) and returns the number of lines in it. */
    long chunk(byte[] b, int length, long sequence);
  }

  static final int CHUNK = 1 << 20;
  private static final byte[] END = new byte[0];

  private record Chunk(byte[] bytes, int length, long sequence) {}

  private LogPipeline() {}

  /**
   * The workers a replay runs: one per core, at most four; {@code elbctl.replayThreads} sets it.
   */
  public static int defaultThreads() {
    Integer set = Integer.getInteger("elbctl.replayThreads");
    if (set != null && set > 0) {
      return set;
    }
    return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
  }

  /**
   * Reads every source and scans its lines on {@code threads} workers made by {@code workers};
   * returns the workers once every chunk is scanned. A worker's failure is rethrown here.
   */
  static <W extends Worker> List<W> run(
      Iterable<? extends Source> sources, int threads, Supplier<W> workers, Progress progress)
      throws IOException {
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(threads * 2 + 2);
    BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(threads * 2);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<W> made = new ArrayList<>();
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      W worker = workers.get();
      made.add(worker);
      Thread thread =
          new Thread(() -> work(worker, full, free, failure, progress), "elbctl-replay-" + t);
      thread.setDaemon(true);
      thread.start();
      running.add(thread);
    }
    try {
      long sequence = 0;
      for (Source source : sources) {
        if (failure.get() != null) {
          break;
        }
        progress.current = source.name();
        progress.sources.incrementAndGet();
        sequence = read(source, sequence, full, free, failure, progress);
      }
    } finally {
      for (int t = 0; t < threads; t++) {
        put(full, new Chunk(END, 0, -1));
      }
      for (Thread thread : running) {
        join(thread);
      }
    }
    Throwable failed = failure.get();
    if (failed instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failed instanceof Error error) {
      throw error;
    }
    return made;
  }

  private static void work(
      Worker worker,
      BlockingQueue<Chunk> full,
      BlockingQueue<byte[]> free,
      AtomicReference<Throwable> failure,
      Progress progress) {
    while (true) {
      Chunk chunk = take(full);
      if (chunk.bytes() == END) {
        return;
      }
      if (failure.get() == null) {
        try {
          progress.lines.addAndGet(worker.chunk(chunk.bytes(), chunk.length(), chunk.sequence()));
        } catch (RuntimeException | Error e) {
          // Keep taking chunks so that the reader never blocks on a full queue.
          failure.compareAndSet(null, e);
        }
      }
      free.offer(chunk.bytes());
    }
  }

  /** Reads one source into chunks; returns the next chunk's sequence number. */
  private static long read(
      Source source,
      long sequence,
      BlockingQueue<Chunk> full,
      BlockingQueue<byte[]> free,
      AtomicReference<Throwable> failure,
      Progress progress)
      throws IOException {
    try (InputStream in = decode(source)) {
      byte[] buffer = buffer(free);
      int length = 0;
      while (failure.get() == null) {
        int read = in.read(buffer, length, buffer.length - length);
        if (read < 0) {
          if (length > 0) {
            put(full, new Chunk(buffer, length, sequence++));
          }
          return sequence;
        }
        length += read;
        progress.bytes.addAndGet(read);
        if (length < buffer.length) {
          continue;
        }
        int lastNewline = length - 1;
        while (lastNewline >= 0 && buffer[lastNewline] != '\n') {
          lastNewline--;
        }
        if (lastNewline < 0) {
          // One line longer than the buffer: make room for the rest of it.
          buffer = java.util.Arrays.copyOf(buffer, buffer.length * 2);
          continue;
        }
        byte[] next = buffer(free);
        int rest = length - lastNewline - 1;
        if (next.length < rest) {
          next = new byte[buffer.length];
        }
        System.arraycopy(buffer, lastNewline + 1, next, 0, rest);
        put(full, new Chunk(buffer, lastNewline + 1, sequence++));
        buffer = next;
        length = rest;
      }
      return sequence;
    } catch (UnreadableSource e) {
      throw e;
    } catch (java.io.EOFException e) {
      throw new UnreadableSource(source.name(), "the file ends early (truncated?)", e);
    } catch (java.util.zip.ZipException e) {
      throw new UnreadableSource(source.name(), "corrupt gzip data (" + e.getMessage() + ")", e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new UnreadableSource(source.name(), "no such file", e);
    } catch (java.nio.file.AccessDeniedException e) {
      throw new UnreadableSource(source.name(), "permission denied", e);
    } catch (IOException e) {
      throw new UnreadableSource(source.name(), String.valueOf(e.getMessage()), e);
    }
  }

  /**
   * The source's bytes, inflated when they start with the gzip magic number; a name ending in
   * {@code .gz} must start with it.
   */
  static InputStream decode(Source source) throws IOException {
    PushbackInputStream in = new PushbackInputStream(source.open(), 2);
    byte[] magic = new byte[2];
    int n = in.readNBytes(magic, 0, 2);
    in.unread(magic, 0, n);
    boolean gzip = n == 2 && magic[0] == (byte) 0x1f && magic[1] == (byte) 0x8b;
    if (gzip) {
      return new GZIPInputStream(in, 1 << 16);
    }
    if (source.name().endsWith(".gz")) {
      in.close();
      throw new UnreadableSource(source.name(), "not in gzip format", null);
    }
    return in;
  }

  private static byte[] buffer(BlockingQueue<byte[]> free) {
    byte[] recycled = free.poll();
    return recycled != null ? recycled : new byte[CHUNK];
  }

  private static void put(BlockingQueue<Chunk> queue, Chunk chunk) {
    uninterruptibly(() -> queue.put(chunk));
  }

  /** A call that blocks until it can complete. */
  private interface Blocking {
    void run() throws InterruptedException;
  }

  /**
   * Runs {@code call} to completion even when interrupted, then interrupts the thread again: the
   * end markers must reach the workers and the workers must end, or a thread waits forever.
   */
  private static void uninterruptibly(Blocking call) {
    boolean interrupted = false;
    while (true) {
      try {
        call.run();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static Chunk take(BlockingQueue<Chunk> queue) {
    while (true) {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        // Workers stop only on the end marker, so that the reader never blocks on a full queue.
      }
    }
  }

  private static void join(Thread thread) {
    uninterruptibly(thread::join);
  }
}
