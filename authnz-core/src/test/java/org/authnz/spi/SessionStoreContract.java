package org.authnz.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link SessionStore} that every store must pass: exact-token lookups, updates
 * that change only the extra info and lose no concurrent update, the three ways of deleting, and
 * the cascade from sessions to their session-tied API keys ({@code spec/storage-schema.md} section
 * 5).
 */
public abstract class SessionStoreContract extends StoreContract {
  private static final Instant EXPIRES = NOW.plusSeconds(86_400);

  private long owner;

  @BeforeEach
  final void insertOwner() {
    owner = insertUser("owner@example.com");
  }

  private static SessionToken token() {
    return SessionToken.of(randomToken());
  }

  private StoredApiKey insertKey(SessionToken session) {
    StoredApiKey key =
        new StoredApiKey(
            ApiKeyToken.of(randomToken()), NOW, EXPIRES, NOW, owner, "authenticated", session);
    store.insertApiKey(key);
    return key;
  }

  @Test
  void insertSession_thenFind_returnsSameSessionAtMicroseconds() {
    ObjectNode extra = JsonNodeFactory.instance.objectNode();
    extra.putArray("nested").add(1).add("\u00e9").addObject().putNull("x");
    SessionToken token = token();
    StoredSession session = session(token, owner, EXPIRES).withExtraInfoJson(extra);

    store.insertSession(session);

    StoredSession found = store.findSession(token).orElseThrow();
    assertThat(found.token()).isEqualTo(token);
    assertThat(found.ipAddress()).isEqualTo("127.0.0.1");
    assertThat(found.userAgent()).isEqualTo("Mozilla/5.0");
    assertThat(found.userId()).isEqualTo(owner);
    assertThat(found.created()).isEqualTo(micros(NOW));
    assertThat(found.expires()).isEqualTo(micros(EXPIRES));
    assertThat(found.extraInfoJson()).isEqualTo(extra);
    assertThat(store.findSession(token())).isEmpty();
  }

  @Test
  void findSession_expiredSession_isStillFound() {
    SessionToken token = token();
    store.insertSession(session(token, owner, NOW.minusSeconds(1)));

    assertThat(store.findSession(token)).isPresent();
  }

  @Test
  void findSession_tokenDifferingInCase_findsNothing() {
    SessionToken token = SessionToken.of("A" + randomToken().substring(1));
    store.insertSession(session(token, owner, EXPIRES));

    assertThat(store.findSession(SessionToken.of("a" + token.reveal().substring(1)))).isEmpty();
  }

  @Test
  void insertSession_existingToken_throwsDuplicateValueNamingNoValue() {
    SessionToken token = token();
    store.insertSession(session(token, owner, EXPIRES));

    assertThatThrownBy(() -> store.insertSession(session(token, 2, EXPIRES)))
        .isInstanceOf(DuplicateValueException.class)
        .hasMessageNotContaining(token.reveal());
    assertThat(store.findSession(token).orElseThrow().userId()).isEqualTo(owner);
  }

  @Test
  void insertSession_unknownUser_throwsIllegalArgument() {
    SessionToken token = token();

    assertThatThrownBy(() -> store.insertSession(session(token, 999, EXPIRES)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.findSession(token)).isEmpty();
  }

  @Test
  void updateSession_newExtraInfo_isWritten() {
    SessionToken token = insertSession(owner);
    ObjectNode extra = JsonNodeFactory.instance.objectNode().put("k", "v");

    StoredSession updated =
        store.updateSession(token, s -> s.withExtraInfoJson(extra)).orElseThrow();

    assertThat(updated.extraInfoJson()).isEqualTo(extra);
    assertThat(store.findSession(token)).contains(updated);
  }

  @Test
  void updateSession_missingSession_returnsEmpty() {
    assertThat(store.updateSession(token(), s -> s)).isEmpty();
  }

  @Test
  void updateSession_otherColumnsChanged_neverWritesThem() {
    SessionToken token = insertSession(owner);
    StoredSession before = store.findSession(token).orElseThrow();

    try {
      store.updateSession(
          token,
          s -> new StoredSession(s.token(), "9.9.9.9", "other", 1, NOW, NOW, s.extraInfoJson()));
    } catch (IllegalArgumentException refused) {
      // refusing the change is as good as ignoring it: only the extra info may change
    }

    assertThat(store.findSession(token)).contains(before);
  }

  @Test
  void updateSession_concurrentIncrements_loseNoUpdate() throws Exception {
    SessionToken token = insertSession(owner);
    int callers = 8;
    int perCaller = 10;

    concurrently(
        callers,
        i -> {
          for (int n = 0; n < perCaller; n++) {
            store.updateSession(
                token,
                s -> {
                  int count = s.extraInfoJson() == null ? 0 : s.extraInfoJson().path("n").asInt();
                  return s.withExtraInfoJson(
                      JsonNodeFactory.instance.objectNode().put("n", count + 1));
                });
          }
          return null;
        });

    StoredSession last = store.findSession(token).orElseThrow();
    assertThat(last.extraInfoJson().get("n").asInt()).isEqualTo(callers * perCaller);
  }

  @Test
  void returnedJson_changedByTheCaller_doesNotChangeTheStore() {
    SessionToken token = insertSession(owner);
    store.updateSession(
        token, s -> s.withExtraInfoJson(JsonNodeFactory.instance.objectNode().put("k", "v")));

    store.findSession(token).orElseThrow().extraInfoJson().put("k", "changed");

    assertThat(store.findSession(token).orElseThrow().extraInfoJson().get("k").asText())
        .isEqualTo("v");
  }

  @Test
  void deleteSession_existing_returnsTrueOnce() {
    SessionToken token = insertSession(owner);

    assertThat(store.deleteSession(token)).isTrue();
    assertThat(store.deleteSession(token)).isFalse();
    assertThat(store.findSession(token)).isEmpty();
  }

  @Test
  void deleteSession_concurrentCallers_exactlyOneDeletes() throws Exception {
    SessionToken token = insertSession(owner);

    List<Boolean> results = concurrently(8, i -> store.deleteSession(token));

    assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
  }

  @Test
  void deleteSession_withApiKeys_deletesItsKeysByCascadeOnly() {
    SessionToken dying = insertSession(owner);
    SessionToken living = insertSession(owner);
    StoredApiKey dyingKey = insertKey(dying);
    StoredApiKey livingKey = insertKey(living);

    store.deleteSession(dying);

    assertThat(store.findApiKey(dyingKey.token())).isEmpty();
    assertThat(store.findApiKey(livingKey.token())).isPresent();
  }

  @Test
  void deleteSessionsOfUser_withKeep_deletesAllOthersOfThatUserAndTheirKeys() {
    SessionToken kept = insertSession(owner);
    SessionToken dropped = insertSession(owner);
    SessionToken others = insertSession(2);
    StoredApiKey droppedKey = insertKey(dropped);
    StoredApiKey keptKey = insertKey(kept);

    assertThat(store.deleteSessionsOfUser(owner, kept)).isEqualTo(1);

    assertThat(store.findSession(kept)).isPresent();
    assertThat(store.findSession(dropped)).isEmpty();
    assertThat(store.findSession(others)).isPresent();
    assertThat(store.findApiKey(droppedKey.token())).isEmpty();
    assertThat(store.findApiKey(keptKey.token())).isPresent();
  }

  @Test
  void deleteSessionsOfUser_withoutKeep_deletesAllOfThatUser() {
    insertSession(owner);
    insertSession(owner);
    SessionToken others = insertSession(2);

    assertThat(store.deleteSessionsOfUser(owner, null)).isEqualTo(2);
    assertThat(store.deleteSessionsOfUser(owner, null)).isZero();
    assertThat(store.findSession(others)).isPresent();
  }

  @Test
  void deleteSessionsExpiredBefore_cutoff_deletesOnlyEarlierExpiriesAndTheirKeys() {
    Instant cutoff = micros(NOW).plusSeconds(100);
    SessionToken earlier = token();
    SessionToken atCutoff = token();
    SessionToken later = token();
    store.insertSession(session(earlier, owner, cutoff.minusNanos(1_000)));
    store.insertSession(session(atCutoff, owner, cutoff));
    store.insertSession(session(later, 2, cutoff.plusSeconds(1)));
    StoredApiKey earlierKey = insertKey(earlier);

    assertThat(store.deleteSessionsExpiredBefore(cutoff)).isEqualTo(1);

    assertThat(store.findSession(earlier)).isEmpty();
    assertThat(store.findSession(atCutoff)).isPresent();
    assertThat(store.findSession(later)).isPresent();
    assertThat(store.findApiKey(earlierKey.token())).isEmpty();
  }
}
