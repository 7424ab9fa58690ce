package io.elbctl.steps;

import io.elbctl.ElbctlException;
import io.elbctl.ExitCode;
import io.elbctl.aws.LockRecords;
import io.elbctl.plan.Inventory;
import io.elbctl.spec.DnsName;
import io.elbctl.spec.Spec;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lease that lets one run at a time change a spec's resources: a TXT record {@code
 * _elbctl-lock.<spec>.<zone>} in the spec's hosted zone, {@code state=free|held} with a serial that
 * every acquisition increments. It is taken with a compare-and-swap against the value the run's
 * inventory read, so a run whose plan is out of date (another run acquired the lock since) loses. A
 * lease held by a run that is gone (same host, process ended) or past its expiry is taken over;
 * {@code --force-unlock} takes over any lease.
 */
public final class SpecLock implements AutoCloseable {
  private static final Pattern VALUE =
      Pattern.compile(
          "elbctl-lock state=(free|held) serial=(\\d+)"
              + "(?: holder=(\\S+) since=(\\d+) until=(\\d+))?");

  /** Runs of this process that hold or are taking a lease. */
  private static final Set<String> ACTIVE = ConcurrentHashMap.newKeySet();

  private final LockRecords records;
  private final String zoneId;
  private final String name;
  private final String held;
  private final String free;
  private final String run;
  private final Progress progress;
  private boolean removed;

  private SpecLock(
      LockRecords records,
      String zoneId,
      String name,
      String held,
      String free,
      String run,
      Progress progress) {
    this.records = records;
    this.zoneId = zoneId;
    this.name = name;
    this.held = held;
    this.free = free;
    this.run = run;
    this.progress = progress;
  }

  /** One parsed lock value. */
  record Lease(boolean isHeld, long serial, String holder, Instant since, Instant until) {
    static Optional<Lease> parse(String value) {
      Matcher m = VALUE.matcher(unquote(value));
      if (!m.matches()) {
        return Optional.empty();
      }
      boolean isHeld = m.group(1).equals("held") && m.group(3) != null;
      return Optional.of(
          new Lease(
              isHeld,
              Long.parseLong(m.group(2)),
              m.group(3),
              isHeld ? Instant.ofEpochSecond(Long.parseLong(m.group(4))) : null,
              isHeld ? Instant.ofEpochSecond(Long.parseLong(m.group(5))) : null));
    }

    String format() {
      return isHeld
          ? "elbctl-lock state=held serial="
              + serial
              + " holder="
              + holder
              + " since="
              + since.getEpochSecond()
              + " until="
              + until.getEpochSecond()
          : "elbctl-lock state=free serial=" + serial;
    }

    /** Why the holder can no longer be running, or null if it may be. */
    String gone(Instant now) {
      if (now.isAfter(until)) {
        return "its lease expired at " + until;
      }
      String[] parts = holder.split("/", 3);
      if (parts.length == 3 && parts[0].equals(host())) {
        long pid = parseLong(parts[1]);
        boolean alive =
            pid == ProcessHandle.current().pid()
                ? ACTIVE.contains(parts[2])
                : ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        if (!alive) {
          return "its process on this host has ended";
        }
      }
      return null;
    }
  }

  /** The lock record's name for {@code spec}. */
  public static String recordName(Spec spec) {
    return "_elbctl-lock."
        + spec.name().toLowerCase(Locale.ROOT)
        + "."
        + DnsName.fqdn(spec.domain().hostedZone());
  }

  /** The lock value the inventory read, without quotes, or null when there is none. */
  static String current(Spec spec, Inventory inventory) {
    String name = recordName(spec);
    return inventory.records().stream()
        .filter(r -> DnsName.fqdn(r.name()).equals(name) && r.type().equals("TXT"))
        .flatMap(r -> r.values().stream())
        .map(SpecLock::unquote)
        .findFirst()
        .orElse(null);
  }

  /**
   * Takes the spec's lock, expecting it as {@code inventory} saw it; the lease lasts long enough
   * for every wait of one run ({@code waitTimeout}). Refuses, changing nothing, when a live run
   * holds it or when it changed since the inventory was read.
   */
  public static SpecLock acquire(
      Spec spec,
      Inventory inventory,
      LockRecords records,
      Duration waitTimeout,
      boolean force,
      Progress progress) {
    String zoneId = inventory.hostedZone().map(Inventory.HostedZone::id).orElseThrow();
    String name = recordName(spec);
    String seen = current(spec, inventory);
    Optional<Lease> lease = seen == null ? Optional.empty() : Lease.parse(seen);
    Instant now = Instant.now();
    if (lease.isPresent() && lease.get().isHeld()) {
      String gone = lease.get().gone(now);
      if (gone == null && !force) {
        throw new ElbctlException(
            ExitCode.ERROR,
            "spec "
                + spec.name()
                + " is locked by another elbctl run ("
                + lease.get().holder()
                + " since "
                + lease.get().since()
                + ", lease until "
                + lease.get().until()
                + "); nothing was changed. Run again when it has finished; if that run died, add"
                + " --force-unlock");
      }
      progress.done(
          "! took over the lock of "
              + lease.get().holder()
              + ": "
              + (gone != null ? gone : "--force-unlock"));
    }
    long serial = lease.map(Lease::serial).orElse(0L) + 1;
    String run = UUID.randomUUID().toString().substring(0, 8);
    String holder = host() + "/" + ProcessHandle.current().pid() + "/" + run;
    // Longer than any run can last: three waits (certificate, load balancer, DNS) and the calls.
    Instant until = now.plus(waitTimeout.multipliedBy(3)).plus(Duration.ofMinutes(10));
    String held = new Lease(true, serial, holder, now, until).format();
    String free = new Lease(false, serial, null, null, null).format();
    ACTIVE.add(run);
    boolean taken;
    try {
      taken = records.swap(zoneId, name, seen, held);
    } catch (RuntimeException e) {
      ACTIVE.remove(run);
      throw e;
    }
    if (!taken) {
      ACTIVE.remove(run);
      throw new ElbctlException(
          ExitCode.ERROR,
          "another elbctl run took the lock on spec "
              + spec.name()
              + " while this one was planning; nothing was changed. Run again to see what it"
              + " left to do");
    }
    return new SpecLock(records, zoneId, name, held, free, run, progress);
  }

  /**
   * Frees a lease whose holder is gone (or any, with {@code force}), for a run that has nothing to
   * change and so takes no lock itself.
   */
  public static void clearIfGone(
      Spec spec, Inventory inventory, LockRecords records, boolean force, Progress progress) {
    String seen = current(spec, inventory);
    Optional<Lease> lease = seen == null ? Optional.empty() : Lease.parse(seen);
    if (lease.isEmpty() || !lease.get().isHeld()) {
      return;
    }
    String gone = lease.get().gone(Instant.now());
    if (gone == null && !force) {
      return;
    }
    String zoneId = inventory.hostedZone().map(Inventory.HostedZone::id).orElseThrow();
    // A new serial: a run that read the stale lease must not mistake this for what it saw.
    String free = new Lease(false, lease.get().serial() + 1, null, null, null).format();
    if (records.swap(zoneId, recordName(spec), seen, free)) {
      progress.done(
          "! removed the lock of "
              + lease.get().holder()
              + ": "
              + (gone != null ? gone : "--force-unlock"));
    }
  }

  /**
   * Deletes the lock record of a spec with nothing left to destroy, for a destroy that finds the
   * work of a run that died before removing it; a lease a live run holds stays (unless {@code
   * force}), and so does a value elbctl did not write.
   */
  public static void removeIfGone(
      Spec spec, Inventory inventory, LockRecords records, boolean force, Progress progress) {
    String seen = current(spec, inventory);
    Optional<Lease> lease = seen == null ? Optional.empty() : Lease.parse(seen);
    if (lease.isEmpty()) {
      return;
    }
    String gone = lease.get().isHeld() ? lease.get().gone(Instant.now()) : null;
    if (lease.get().isHeld() && gone == null && !force) {
      return;
    }
    String zoneId = inventory.hostedZone().map(Inventory.HostedZone::id).orElseThrow();
    if (records.swap(zoneId, recordName(spec), seen, null)) {
      progress.done(
          "! removed the lock record"
              + (lease.get().isHeld()
                  ? " of " + lease.get().holder() + ": " + (gone != null ? gone : "--force-unlock")
                  : ""));
    }
  }

  /**
   * Deletes the lock record instead of freeing it, once the spec's resources are gone (destroy);
   * the next apply creates it afresh.
   */
  public void remove() {
    if (records.swap(zoneId, name, held, null)) {
      removed = true;
    }
  }

  /** Frees the lease; a run that cannot says so and leaves it for the next run to take over. */
  @Override
  public void close() {
    if (removed) {
      ACTIVE.remove(run);
      return;
    }
    try {
      if (!records.swap(zoneId, name, held, free)) {
        progress.done("! the lock of this run was taken over by another run before it ended");
      }
    } catch (RuntimeException e) {
      progress.done(
          "! could not release the lock ("
              + e.getMessage()
              + "); the next run on this host takes it over, other hosts after it expires or"
              + " with --force-unlock");
    } finally {
      ACTIVE.remove(run);
    }
  }

  /** This machine's name as leases record it. */
  public static String host() {
    String host = System.getenv("HOSTNAME");
    if (host == null || host.isBlank()) {
      try {
        host = java.net.InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        host = "unknown-host";
      }
    }
    // The holder is one space-free token of the TXT value.
    return host.replaceAll("[^A-Za-z0-9.-]", "-");
  }

  private static long parseLong(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String unquote(String value) {
    String v = value.strip();
    return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")
        ? v.substring(1, v.length() - 1)
        : v;
  }
}
