package org.authnz.transport.http.client;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.authnz.AuthnzService;
import org.authnz.MailSettings;
import org.authnz.store.jdbc.JdbcStore;
import org.authnz.transport.http.AuthnzHttpServer;

/**
 * The behaviour suite through {@link AuthnzClient} against a real sidecar on 127.0.0.1, with its
 * service on an SQLite file.
 */
class AuthnzClientBehaviourTest extends AuthnzServiceBehaviour {

  private AuthnzService backend;
  private AuthnzHttpServer server;
  private AuthnzClient client;

  @Override
  AuthnzService start(Path dir, MailSettings mail) {
    backend =
        lightHashing(AuthnzService.builder().store(JdbcStore.sqlite(dir.resolve("authnz.sqlite"))))
            .mail(mail)
            .build();
    backend.initialize(ADMIN_EMAIL, ADMIN_PASSWORD);
    String secret = freshKey();
    // The suite signs up more users a minute than the default rate limits allow one address;
    // AuthnzClientTest covers the limits.
    server =
        AuthnzHttpServer.builder()
            .service(backend)
            .secret(secret)
            .port(0)
            .rateLimitingEnabled(false)
            .build();
    server.start();
    client =
        AuthnzClient.builder()
            .url("http://127.0.0.1:" + server.port() + "/")
            .secret(secret)
            .build();
    return client;
  }

  @Override
  void stop() {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  static String freshKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Base64.getUrlEncoder().encodeToString(key);
  }
}
