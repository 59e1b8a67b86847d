package org.authnz.transport.http.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.authnz.transport.http.protocol.WireCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the sidecar, started as its own JVM by the {@code authnzrv} command on an SQLite file, with
 * SIGKILL while it serves a stream of sign-ups and logins, then restarts it, {@code
 * authnz.kill.cycles} times (the 50 by default: 2.3 minutes on the 2-core development
 * machine, 4.5 when other builds load it; fewer with {@code -Dauthnz.kill.cycles=N}). After each
 * kill the database passes {@code PRAGMA integrity_check}, holds every account whose sign-up was
 * answered with success, and the restarted sidecar serves again.
 */
final class SidecarKillTest {

  private static final int CYCLES = Integer.getInteger("authnz.kill.cycles", 50);
  private static final Duration START_LIMIT = Duration.ofSeconds(60);
  private static final String PASSWORD = "Quartz-Lantern-8841-vMp";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Faster to start than the launcher's options; the heap fits a few default hashes at once. */
  private static final List<String> JAVA_OPTIONS = List.of("-Xmx256m", "-XX:TieredStopAtLevel=1");

  @TempDir Path base;
  private Path database;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void sigkillDuringSignupsAndLogins_losesNoAnsweredSignupAndKeepsTheDatabaseIntact()
      throws Exception {
    SidecarProcess sidecars = SidecarProcess.autosetup(base);
    database = sidecars.database();
    String[] admin = {sidecars.adminEmail(), sidecars.adminPassword()};
    Set<String> answered = new HashSet<>();
    AtomicInteger next = new AtomicInteger();

    for (int cycle = 0; cycle < CYCLES; cycle++) {
      Process sidecar = sidecars.start("sidecar-" + cycle + ".log", JAVA_OPTIONS);
      try {
        sidecars.awaitHealthy(sidecar);
        answered.addAll(streamUntilKilled(sidecar, sidecars.uri(), sidecars.codec(), next, admin));
      } finally {
        sidecar.destroyForcibly(); // SIGKILL on Linux
        sidecar.waitFor();
      }

      assertThat(integrityCheck()).as("integrity after kill %d", cycle).isEqualTo("ok");
      assertThat(emails()).as("accounts after kill %d", cycle).containsAll(answered);
    }
    assertThat(answered).as("sign-ups answered over all cycles").isNotEmpty();
  }

  /** Streams sign-ups (one thread) and logins (another) for a short random time, then kills. */
  private List<String> streamUntilKilled(
      Process sidecar, URI uri, WireCodec codec, AtomicInteger next, String[] admin)
      throws Exception {
    ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    Thread signups =
        new Thread(
            () -> {
              while (running.get()) {
                String email = "kill-" + next.incrementAndGet() + "@example.org";
                ObjectNode body = NODES.objectNode();
                body.put("full_name", "Stream Person");
                body.put("email", email);
                body.put("password", PASSWORD);
                JsonNode answer = send(uri, codec, "user-new", body);
                if (answer != null && answer.path("success").asBoolean()) {
                  answered.add(email);
                }
              }
            });
    Thread logins =
        new Thread(
            () -> {
              while (running.get()) {
                ObjectNode session = NODES.objectNode();
                session.put("ip_address", "10.0.0.1");
                session.put("user_agent", "kill-test");
                session.putNull("user_id");
                session.put("expires", "2099-01-01T00:00:00.000000");
                session.putNull("extra_info_json");
                JsonNode created = send(uri, codec, "session-new", session);
                if (created == null) {
                  continue;
                }
                ObjectNode login = NODES.objectNode();
                login.put("session_token", created.path("response").path("session_token").asText());
                login.put("email", admin[0].strip());
                login.put("password", admin[1].strip());
                send(uri, codec, "user-login", login);
              }
            });
    signups.start();
    logins.start();
    // At default Argon2id cost a sign-up takes a while: wait for the first answered one, then
    // let the kill land anywhere in the following stream.
    Instant deadline = Instant.now().plus(START_LIMIT);
    while (answered.isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(10);
    }
    Thread.sleep(ThreadLocalRandom.current().nextInt(800));
    sidecar.destroyForcibly();
    sidecar.waitFor();
    running.set(false);
    signups.join();
    logins.join();
    return new ArrayList<>(answered);
  }

  /** The decrypted answer, or null when the request failed (the server was killed under it). */
  private JsonNode send(URI uri, WireCodec codec, String action, ObjectNode body) {
    ObjectNode envelope = NODES.objectNode();
    envelope.put("request", action);
    envelope.put("reqid", action);
    envelope.set("body", body);
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(Duration.ofSeconds(30))
                  .POST(HttpRequest.BodyPublishers.ofString(codec.encode(envelope)))
                  .build(),
              HttpResponse.BodyHandlers.ofString(UTF_8));
      return response.statusCode() == 200 ? codec.decode(response.body()) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private String integrityCheck() throws Exception {
    try (Connection db = open();
        Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("PRAGMA integrity_check")) {
      rows.next();
      return rows.getString(1);
    }
  }

  private Set<String> emails() throws Exception {
    Set<String> emails = new HashSet<>();
    try (Connection db = open();
        Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT email FROM users")) {
      while (rows.next()) {
        emails.add(rows.getString(1));
      }
    }
    return emails;
  }

  private Connection open() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + database);
  }
}
