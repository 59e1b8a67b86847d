package org.authnz.examples.web;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The example's stand-in for an SMTP server: a verification e-mail is "sent" by printing its link
 * to the console and keeping it here, where the self-test and the browser test pick it up.
 *
 * <p>Each link carries a random code that maps to the address it verifies; the code works once and
 * for {@link #LINK_LIFETIME}. A real frontend would mail the link and keep the codes in its own
 * database or in the session store.
 *
 * <p>Thread-safe.
 */
public final class Outbox {

  /** How long a verification link works. */
  public static final Duration LINK_LIFETIME = Duration.ofMinutes(30);

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A verification e-mail: the address it went to and the link in it. */
  public record Mail(String to, String link) {
    /** Checks the components. */
    public Mail {
      requireNonNull(to, "to");
      requireNonNull(link, "link");
    }
  }

  private record Pending(String email, Instant expires) {}

  private final Clock clock;
  private final boolean printLinks;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final List<Mail> sent = new CopyOnWriteArrayList<>();

  Outbox(Clock clock, boolean printLinks) {
    this.clock = requireNonNull(clock, "clock");
    this.printLinks = printLinks;
  }

  /** "Sends" a verification link for {@code email}, based at {@code baseUrl}. */
  void sendVerification(String email, String baseUrl) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String code = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    pending.put(code, new Pending(email, clock.instant().plus(LINK_LIFETIME)));

    Mail mail = new Mail(email, baseUrl + "/verify?code=" + code);
    sent.add(mail);
    if (printLinks) {
      // The example's mail goes to the console on purpose: a real frontend mails it instead.
      System.out.println("[mail] verification link for " + email + ": " + mail.link());
    }
  }

  /** Whether {@code code} is a live verification code (it stays live). */
  boolean isLive(String code) {
    Pending entry = pending.get(code);
    return entry != null && clock.instant().isBefore(entry.expires());
  }

  /** Uses up {@code code} and returns the address it verifies, when it was live. */
  Optional<String> redeem(String code) {
    Pending entry = pending.remove(code);
    if (entry == null || !clock.instant().isBefore(entry.expires())) {
      return Optional.empty();
    }
    return Optional.of(entry.email());
  }

  /** The last verification e-mail sent to {@code email}, if any. */
  public Optional<Mail> lastMailTo(String email) {
    for (int i = sent.size() - 1; i >= 0; i--) {
      if (sent.get(i).to().equals(email)) {
        return Optional.of(sent.get(i));
      }
    }
    return Optional.empty();
  }
}
