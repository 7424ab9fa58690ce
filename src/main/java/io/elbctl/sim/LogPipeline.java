package io.elbctl.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
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
 * inflating one chunk overlaps with scanning the ones before it. An uncompressed local file is not
 * read by the calling thread: it only hands out stretches of it, which each worker reads itself.
 */
public final class LogPipeline {
  /** One log to read: a file, an S3 object, standard input. */
  public interface Source {
    /** How messages name it: a path or an {@code s3://} URL. */
    String name();

    /** The log's bytes, gzip-compressed or not, streamed. */
    InputStream open() throws IOException;

    /**
     * The local file that holds the log, or null. An uncompressed file is read by the workers
     * themselves, each its own stretch of it (see {@link Stretches}), instead of through {@link
     * #open}.
     */
    default Path file() {
      return null;
    }
  }

  /** A local file named {@code name} in messages, which the workers read themselves. */
  public static Source file(String name, Path path) {
    return new Source() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public InputStream open() throws IOException {
        return java.nio.file.Files.newInputStream(path);
      }

      @Override
      public Path file() {
        return path;
      }
    };
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
    /** Scans {@code b[from, to)} (whole lines) and returns the number of lines in it. */
    long chunk(byte[] b, int from, int to, long sequence);
  }

  static final int CHUNK = 1 << 20;

  /** The stretch of a local file one worker reads and scans at a time: it stays in its cache. */
  static final int STRETCH = 1 << 18;

  private static final byte[] END = new byte[0];
  private static final long NEWLINE = 0x0101010101010101L * '\n';

  /**
   * Whole lines to scan: {@code length} bytes in {@code bytes}; or, when {@code file} is set, the
   * lines that start in the stretch of {@code length} bytes at {@code from}, which the worker
   * reads.
   */
  private record Chunk(byte[] bytes, int length, long sequence, Stretches file, long from) {
    Chunk(byte[] bytes, int length, long sequence) {
      this(bytes, length, sequence, null, 0);
    }
  }

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
    if (failed instanceof UnreadableSource unreadable) {
      throw unreadable;
    }
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
    // The buffer this thread reads stretches of local files into.
    byte[] own = new byte[0];
    while (true) {
      Chunk chunk = take(full);
      if (chunk.bytes() == END) {
        return;
      }
      if (failure.get() == null) {
        try {
          if (chunk.file() == null) {
            progress.lines.addAndGet(
                worker.chunk(chunk.bytes(), 0, chunk.length(), chunk.sequence()));
          } else {
            own = chunk.file().scan(chunk, own, worker, progress);
          }
        } catch (UnreadableSource e) {
          failure.compareAndSet(null, e);
        } catch (RuntimeException | Error e) {
          // Keep taking chunks so that the reader never blocks on a full queue.
          failure.compareAndSet(null, e);
        }
      }
      if (chunk.file() == null) {
        free.offer(chunk.bytes());
      } else {
        chunk.file().close();
      }
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
    try (Stretches file = Stretches.open(source)) {
      if (file != null) {
        return file.queue(sequence, full, failure);
      }
    }
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

  /**
   * An uncompressed local log, cut into stretches of {@link #STRETCH} bytes that the workers read
   * with positional reads, each into its own buffer, and scan while the bytes are still in that
   * core's cache. A stretch holds the lines that start in it: its worker skips the end of a line
   * begun in the stretch before and reads on past the stretch's end to finish its own last line.
   */
  static final class Stretches implements AutoCloseable {
    private final String name;
    private final FileChannel channel;
    private final long size;

    /** Workers still reading; the channel is closed when the last one is done. */
    private final AtomicLong open = new AtomicLong(1);

    private Stretches(String name, FileChannel channel, long size) {
      this.name = name;
      this.channel = channel;
      this.size = size;
    }

    /**
     * The source as stretches, or null when it is not a local file or is gzip-compressed (read as a
     * stream then).
     */
    static Stretches open(Source source) throws IOException {
      Path file = source.file();
      if (file == null || source.name().endsWith(".gz")) {
        return null;
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(file);
      } catch (IOException e) {
        // The stream path reports it in its own words.
        return null;
      }
      try {
        long size = channel.size();
        ByteBuffer magic = ByteBuffer.allocate(2);
        while (magic.hasRemaining() && channel.read(magic, magic.position()) > 0) {
          // Reads the first two bytes.
        }
        if (size < 2 || (magic.get(0) == (byte) 0x1f && magic.get(1) == (byte) 0x8b)) {
          channel.close();
          return null;
        }
        return new Stretches(source.name(), channel, size);
      } catch (IOException e) {
        channel.close();
        throw new UnreadableSource(source.name(), String.valueOf(e.getMessage()), e);
      }
    }

    /** Queues every stretch; returns the next sequence number. */
    long queue(long sequence, BlockingQueue<Chunk> full, AtomicReference<Throwable> failure) {
      for (long from = 0; from < size && failure.get() == null; from += STRETCH) {
        open.incrementAndGet();
        put(full, new Chunk(null, (int) Math.min(STRETCH, size - from), sequence++, this, from));
      }
      return sequence;
    }

    /**
     * Reads and scans one stretch's lines into {@code buffer} (or a larger one, returned to be
     * kept).
     */
    byte[] scan(Chunk chunk, byte[] buffer, Worker worker, Progress progress)
        throws UnreadableSource {
      long from = chunk.from();
      long stretchEnd = from + chunk.length();
      // The byte before the stretch says whether a line starts at its first byte.
      long readFrom = from == 0 ? 0 : from - 1;
      int want = (int) Math.min(size - readFrom, chunk.length() + (from == 0 ? 0 : 1) + 4096L);
      if (buffer.length < want) {
        buffer = new byte[Math.max(want, STRETCH + 4097)];
      }
      int have = read(buffer, 0, want, readFrom);
      int start = 0;
      if (from > 0) {
        int newline = LogScanner.find(buffer, 0, have, NEWLINE, (byte) '\n');
        while (newline < 0 && readFrom + have < stretchEnd) {
          // A line longer than what was read: read on to its end or to the stretch's end.
          buffer = grow(buffer, have);
          int more = read(buffer, have, buffer.length - have, readFrom + have);
          if (more == 0) {
            break;
          }
          newline = LogScanner.find(buffer, have, have + more, NEWLINE, (byte) '\n');
          have += more;
        }
        start = newline < 0 ? have : newline + 1;
      }
      if (readFrom + start >= stretchEnd) {
        // No line starts in this stretch.
        return buffer;
      }
      int lastByte = (int) (stretchEnd - 1 - readFrom);
      int end = LogScanner.find(buffer, Math.max(lastByte, start), have, NEWLINE, (byte) '\n');
      while (end < 0 && readFrom + have < size) {
        int searched = Math.max(have, lastByte);
        buffer = grow(buffer, have);
        int more = read(buffer, have, buffer.length - have, readFrom + have);
        if (more == 0) {
          break;
        }
        have += more;
        end = LogScanner.find(buffer, searched, have, NEWLINE, (byte) '\n');
      }
      end = end < 0 ? have : end + 1;
      progress.bytes.addAndGet(end - start);
      progress.lines.addAndGet(worker.chunk(buffer, start, end, chunk.sequence()));
      return buffer;
    }

    private static byte[] grow(byte[] buffer, int have) {
      return java.util.Arrays.copyOf(buffer, Math.max(buffer.length * 2, have + STRETCH));
    }

    /** Reads up to {@code length} bytes at {@code position}; fewer only at the end of the file. */
    private int read(byte[] into, int offset, int length, long position) throws UnreadableSource {
      ByteBuffer target = ByteBuffer.wrap(into, offset, length);
      try {
        while (target.hasRemaining()) {
          int n = channel.read(target, position + target.position() - offset);
          if (n < 0) {
            break;
          }
        }
      } catch (IOException e) {
        throw new UnreadableSource(name, String.valueOf(e.getMessage()), e);
      }
      return target.position() - offset;
    }

    /** Closes the file once the reader and every queued stretch are done with it. */
    @Override
    public void close() {
      if (open.decrementAndGet() == 0) {
        try {
          channel.close();
        } catch (IOException e) {
          // Read-only: nothing was lost.
        }
      }
    }
  }
}
