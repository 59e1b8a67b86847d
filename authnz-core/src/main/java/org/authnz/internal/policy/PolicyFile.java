package org.authnz.internal.policy;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.function.Supplier;
import org.authnz.InvalidConfigurationException;
import org.authnz.policy.PermissionPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy file that is re-read when it changes on disk (modification time or size), so that an
 * edit takes effect at once as in the reference ({@code permissions.md} 1.6) without re-parsing it
 * for every decision. While the file is unreadable or invalid, {@link #get()} throws, and the
 * access and limit checks fail as the reference's do. Thread-safe.
 */
public final class PolicyFile implements Supplier<PermissionPolicy> {

  private static final Logger logger = LoggerFactory.getLogger(PolicyFile.class);

  /** A parse result for one version of the file: a policy or the error it gave. */
  private record Version(
      @Nullable FileTime modified,
      long size,
      @Nullable PermissionPolicy policy,
      @Nullable InvalidConfigurationException error) {}

  private final Path file;
  private volatile Version current;

  private PolicyFile(Path file, Version first) {
    this.file = file;
    this.current = first;
  }

  /**
   * Reads and validates the file now.
   *
   * @throws InvalidConfigurationException when it cannot be read or is invalid
   */
  public static PolicyFile open(Path file) {
    requireNonNull(file, "file");
    Version first = read(file, stamp(file));
    if (first.error() != null) {
      throw first.error();
    }
    return new PolicyFile(file, first);
  }

  /**
   * The policy as the file says now.
   *
   * @throws InvalidConfigurationException while the file is unreadable or invalid
   */
  @Override
  public PermissionPolicy get() {
    Version seen = current;
    BasicFileAttributes now = stamp(file);
    if (!sameVersion(seen, now)) {
      seen = reload(now);
    }
    if (seen.policy() == null) {
      throw requireNonNull(seen.error());
    }
    return seen.policy();
  }

  private synchronized Version reload(@Nullable BasicFileAttributes now) {
    Version seen = current;
    if (sameVersion(seen, now)) {
      return seen; // another thread reloaded it meanwhile
    }
    Version next = read(file, now);
    if (next.error() != null) {
      // ERROR: an operator must fix the file; every access and limit check fails meanwhile.
      logger
          .atError()
          .addKeyValue("problem", next.error().getMessage())
          .log("permissions policy file changed and is no longer valid");
    } else {
      logger.atInfo().log("permissions policy reloaded");
    }
    current = next;
    return next;
  }

  private static boolean sameVersion(Version seen, @Nullable BasicFileAttributes now) {
    if (now == null) {
      return seen.modified() == null;
    }
    return now.lastModifiedTime().equals(seen.modified()) && now.size() == seen.size();
  }

  private static Version read(Path file, @Nullable BasicFileAttributes attributes) {
    FileTime modified = attributes == null ? null : attributes.lastModifiedTime();
    long size = attributes == null ? -1 : attributes.size();
    try {
      return new Version(modified, size, PolicyLoader.load(file), null);
    } catch (InvalidConfigurationException e) {
      return new Version(modified, size, null, e);
    }
  }

  private static @Nullable BasicFileAttributes stamp(Path file) {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return null;
    }
  }
}
