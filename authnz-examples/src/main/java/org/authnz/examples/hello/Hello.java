package org.authnz.examples.hello;

/** Placeholder replaced by the real examples. */
public final class Hello {
  private Hello() {}

  /** Prints one line. */
  public static void main(String[] args) {
    System.out.println("authnz examples");
  }
}
