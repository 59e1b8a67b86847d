package org.authnz.transport.http.client;

import java.nio.file.Path;
import org.authnz.AuthnzService;
import org.authnz.MailSettings;
import org.authnz.store.jdbc.JdbcStore;

/** The behaviour suite against an in-process {@link AuthnzService} on an SQLite file. */
class InProcessServiceBehaviourTest extends AuthnzServiceBehaviour {

  private AuthnzService service;

  @Override
  AuthnzService start(Path dir, MailSettings mail) {
    service =
        lightHashing(AuthnzService.builder().store(JdbcStore.sqlite(dir.resolve("authnz.sqlite"))))
            .mail(mail)
            .build();
    service.initialize(ADMIN_EMAIL, ADMIN_PASSWORD);
    return service;
  }

  @Override
  void stop() {
    if (service != null) {
      service.close();
    }
  }
}
