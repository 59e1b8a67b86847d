package org.authnz.internal.policy;

import java.nio.file.Path;
import java.util.Set;
import org.authnz.policy.PermissionPolicy;
import org.jspecify.annotations.Nullable;

/** A parsed, validated policy document. Work in progress: the evaluator follows. */
public final class PolicyDocument implements PermissionPolicy {

  private PolicyDocument() {}

  /** The bundled default policy. */
  public static PermissionPolicy bundledDefault() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Reads and validates a policy file. */
  public static PermissionPolicy load(Path file) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  /** Parses and validates a policy; {@code source} names it in error messages. */
  public static PermissionPolicy parse(String json, String source) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public Set<String> roles() {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public boolean allows(
      long userId,
      String role,
      String action,
      String item,
      long owner,
      String visibility,
      @Nullable String sharedWith) {
    throw new UnsupportedOperationException("not yet implemented");
  }

  @Override
  public boolean underLimit(String role, String limitName, @Nullable Object value) {
    throw new UnsupportedOperationException("not yet implemented");
  }
}
