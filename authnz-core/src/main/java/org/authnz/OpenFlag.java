package org.authnz;

/**
 * Whether an {@link AuthnzService} is still open: every operation checks it first, so that a call
 * after {@link AuthnzService#close()}, a caller's bug, fails the same way everywhere instead of
 * reaching a closed store. Thread-safe.
 */
final class OpenFlag {
  private volatile boolean closed;

  /**
   * Returns normally while open.
   *
   * @throws IllegalStateException once closed
   */
  void check() {
    if (closed) {
      throw new IllegalStateException("AuthnzService is closed");
    }
  }

  /** Marks the service closed; true only for the first call. */
  synchronized boolean close() {
    if (closed) {
      return false;
    }
    closed = true;
    return true;
  }
}
