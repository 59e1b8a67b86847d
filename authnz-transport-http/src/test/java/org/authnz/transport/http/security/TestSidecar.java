package org.authnz.transport.http.security;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.authnz.AuthnzService;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.transport.http.AuthnzHttpServer;
import org.authnz.transport.http.protocol.Fernet;
import org.authnz.transport.http.protocol.WireCodec;
import org.jspecify.annotations.Nullable;

/**
 * A real sidecar on 127.0.0.1 over an SQLite file, rate limiting off, a light Argon2id cost, with
 * helpers to send wire bodies and to count the rows of every table.
 */
final class TestSidecar implements AutoCloseable {

  static final String ADMIN_EMAIL = "admin@security.test";
  static final String ADMIN_PASSWORD = "Security-Admin-Pass-93kq";

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final Path database;
  private final AuthnzService service;
  private final AuthnzHttpServer server;
  private final String key;
  private final WireCodec codec;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  private TestSidecar(Path database, AuthnzService service, AuthnzHttpServer server, String key) {
    this.database = database;
    this.service = service;
    this.server = server;
    this.key = key;
    this.codec = WireCodec.of(Fernet.of(key));
  }

  static TestSidecar start(Path dir) {
    return start(dir, UnaryOperator.identity(), UnaryOperator.identity());
  }

  static TestSidecar start(
      Path dir,
      UnaryOperator<AuthnzService.Builder> serviceSettings,
      UnaryOperator<AuthnzHttpServer.Builder> serverSettings) {
    Path database = dir.resolve("authnz.sqlite");
    AuthnzService service =
        serviceSettings
            .apply(AuthnzService.builder().store(JdbcStore.sqlite(database)).argon2(8 * 1024, 1, 1))
            .build();
    try {
      service.initialize(ADMIN_EMAIL, ADMIN_PASSWORD);
      String key = Fernet.generateKey();
      AuthnzHttpServer server =
          serverSettings
              .apply(
                  AuthnzHttpServer.builder()
                      .service(service)
                      .secret(key)
                      .port(0)
                      .rateLimitingEnabled(false))
              .build();
      server.start();
      return new TestSidecar(database, service, server, key);
    } catch (RuntimeException e) {
      service.close();
      throw e;
    }
  }

  AuthnzService service() {
    return service;
  }

  WireCodec codec() {
    return codec;
  }

  /** The Fernet key (test code only). */
  String key() {
    return key;
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.port() + "/");
  }

  /** Posts a wire body. */
  HttpResponse<String> post(String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri())
            .timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.ofString(body, US_ASCII))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
  }

  /** Posts the encrypted envelope and returns the status and, for a 200, the decrypted answer. */
  Answer send(JsonNode envelope) throws IOException, InterruptedException {
    HttpResponse<String> response = post(codec.encode(envelope));
    return new Answer(
        response.statusCode(),
        response.body(),
        response.statusCode() == 200 ? codec.decode(response.body()) : null);
  }

  /**
   * Sends only the request line and headers of a POST declaring {@code length} body bytes and
   * returns the status the server answers before reading the body.
   */
  int statusForDeclaredLength(long length) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + length + "\r\n\r\n")
              .getBytes(US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
        line.append((char) c);
      }
      return Integer.parseInt(line.toString().split(" ")[1]);
    }
  }

  /** The number of rows of every table of the database, by table name. */
  Map<String, Long> rowCounts() throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
        Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      for (String table : tables) {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
          rows.next();
          counts.put(table, rows.getLong(1));
        }
      }
    }
    return counts;
  }

  @Override
  public void close() {
    server.close();
    service.close();
  }

  /** One answer: the HTTP status, the raw body, and the decrypted envelope of a 200. */
  record Answer(int status, String body, @Nullable JsonNode envelope) {}
}
