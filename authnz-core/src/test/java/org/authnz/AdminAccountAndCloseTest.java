package org.authnz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.authnz.memory.InMemoryStore;
import org.junit.jupiter.api.Test;

/** The superuser account that {@code initialize} creates, and calls after {@code close()}. */
class AdminAccountAndCloseTest {
  private static final List<Class<?>> GROUP_TYPES =
      List.of(
          AuthnzService.Sessions.class,
          AuthnzService.Users.class,
          AuthnzService.Passwords.class,
          AuthnzService.Emails.class,
          AuthnzService.Admin.class,
          AuthnzService.Access.class,
          ApiKeys.class);

  private static AuthnzService newService(InMemoryStore store) {
    return AuthnzService.builder()
        .store(store)
        .argon2(1024, 1, 1)
        .piiSalt("test-pii-salt")
        .publicSuffixes(Fixture.SUFFIXES)
        .build();
  }

  // ---- initialize --------------------------------------------------------------------------

  @Test
  void initialize_invalidAdminEmail_isRefusedAndCreatesNothing() {
    InMemoryStore store = InMemoryStore.create();
    AuthnzService service = newService(store);

    for (String email : new String[] {"", "not an email", "a@b.", "a".repeat(281) + "@x.org"}) {
      assertThatThrownBy(() -> service.initialize(email, null))
          .isInstanceOf(InvalidConfigurationException.class)
          .hasMessageContaining("admin e-mail");
    }
    assertThat(store.roles()).isEmpty();
    assertThat(store.listUsers()).isEmpty();
  }

  @Test
  void initialize_adminPasswordFailingThePolicy_isRefusedWithThePolicyMessagesOnOneLine() {
    InMemoryStore store = InMemoryStore.create();
    AuthnzService service = newService(store);

    assertThatThrownBy(() -> service.initialize("boss@example.org", "short"))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageStartingWith("the admin password does not pass the password policy: ")
        .hasMessageContaining("Your password is too short. It must have at least 12 characters.")
        .hasMessageNotContaining("short\"")
        .hasMessageNotContaining("\n");
    assertThat(store.listUsers()).isEmpty();
  }

  @Test
  void initialize_reservedLocalPartAndGoodPassword_createTheSuperuser() {
    InMemoryStore store = InMemoryStore.create();
    AuthnzService service = newService(store);

    assertThat(service.initialize("root@localhost", "Qx7!vB2#mR9$kT4w")).isEmpty();

    assertThat(store.findUser(1).orElseThrow().email()).isEqualTo("root@localhost");
  }

  // ---- close -------------------------------------------------------------------------------

  @Test
  void setVerified_afterClose_throwsIllegalStateException() {
    AuthnzService service = newService(InMemoryStore.create());
    service.initialize("boss@example.org", null);
    AuthnzService.Emails emails = service.emails();
    service.close();

    assertThatThrownBy(() -> emails.setVerified("boss@example.org"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("AuthnzService is closed");
  }

  @Test
  void everyOperation_afterClose_throwsIllegalStateException() throws Exception {
    AuthnzService service = newService(InMemoryStore.create());
    service.initialize("boss@example.org", null);
    List<Object> groups =
        List.of(
            service.sessions(),
            service.users(),
            service.passwords(),
            service.emails(),
            service.admin(),
            service.access(),
            service.apiKeys());
    service.close();
    service.close(); // idempotent

    List<String> notRefused = new ArrayList<>();
    int operations = 0;
    for (int i = 0; i < groups.size(); i++) {
      for (Method method : GROUP_TYPES.get(i).getMethods()) {
        operations++;
        if (!throwsClosed(method, groups.get(i))) {
          notRefused.add(GROUP_TYPES.get(i).getSimpleName() + "." + method.getName());
        }
      }
    }
    for (String name : new String[] {"initialize", "policy", "isHealthy"}) {
      for (Method method : AuthnzService.class.getMethods()) {
        if (method.getName().equals(name) && !throwsClosed(method, service)) {
          notRefused.add("AuthnzService." + name);
        }
      }
    }

    assertThat(notRefused).isEmpty();
    assertThat(operations).isGreaterThan(35);
  }

  /** Calls with null or zero arguments: the closed check must come before any other. */
  private static boolean throwsClosed(Method method, Object target) {
    Object[] args = new Object[method.getParameterCount()];
    Class<?>[] types = method.getParameterTypes();
    for (int i = 0; i < args.length; i++) {
      if (types[i] == long.class) {
        args[i] = 0L;
      } else if (types[i] == int.class) {
        args[i] = 0;
      } else if (types[i] == boolean.class) {
        args[i] = false;
      }
    }
    try {
      method.invoke(target, args);
      return false;
    } catch (InvocationTargetException e) {
      return e.getCause() instanceof IllegalStateException closed
          && "AuthnzService is closed".equals(closed.getMessage());
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
  }
}
