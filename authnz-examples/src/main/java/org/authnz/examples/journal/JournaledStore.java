package org.authnz.examples.journal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.authnz.StoreUnavailableException;
import org.authnz.memory.InMemoryStore;
import org.authnz.spi.ApiKeyToken;
import org.authnz.spi.AuthnzStore;
import org.authnz.spi.NewUser;
import org.authnz.spi.SessionToken;
import org.authnz.spi.StoredApiKey;
import org.authnz.spi.StoredNoSessionKey;
import org.authnz.spi.StoredSession;
import org.authnz.spi.StoredUser;
import org.jspecify.annotations.Nullable;

/**
 * An example of a team's own {@link AuthnzStore}: the rows live in memory (in core's {@link
 * InMemoryStore}, which keeps the SPI's rules: unique e-mails and tokens, cascades, microsecond
 * times), and every change is appended to a journal file, one JSON line per change, forced to disk
 * before the call returns. Opening the store replays the journal, so a restart keeps everything.
 *
 * <p>Thread-safe: every method runs under one lock, so a change and its journal line are one atomic
 * step, and the journal's order is the order the changes happened in. Reads take the same lock;
 * that is simple and fast enough for an example, not for a busy deployment.
 *
 * <p>A change is applied in memory first (which checks it), then written; if writing fails, the
 * store closes itself and the caller gets a {@link StoreUnavailableException}, so memory is never
 * trusted ahead of the file. A crash while writing leaves at most a torn last line, which the next
 * open drops. The journal only grows; compacting it (writing the current rows as a new journal and
 * renaming it over the old one) is left out to keep the example short.
 *
 * <p>Proven with authnz-core's contract suite: see {@code JournaledStoreContractTest}.
 */
public final class JournaledStore implements AuthnzStore {
  private final InMemoryStore rows = InMemoryStore.create();
  private final FileChannel journal;

  private JournaledStore(FileChannel journal) {
    this.journal = journal;
  }

  /**
   * Opens the journal at {@code file}, creating it when missing, and replays it.
   *
   * @throws StoreUnavailableException when the file cannot be read or written
   */
  public static JournaledStore open(Path file) {
    requireNonNull(file, "file");
    try {
      if (Files.notExists(file)) {
        // The journal holds password hashes and tokens: only the owner may read it.
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      FileChannel channel =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
      JournaledStore store = new JournaledStore(channel);
      long validLength = store.replay(file);
      channel.truncate(validLength); // drops a torn last line from a crash
      channel.position(validLength);
      return store;
    } catch (IOException e) {
      throw new StoreUnavailableException("the journal cannot be opened: " + e.getMessage());
    }
  }

  /** Applies every complete line of the journal; returns the length of the complete lines. */
  private long replay(Path file) throws IOException {
    byte[] content = Files.readAllBytes(file);
    int start = 0;
    for (int end = indexOf(content, start); end >= 0; end = indexOf(content, start)) {
      String line = new String(content, start, end - start, StandardCharsets.UTF_8);
      Journal.apply(Journal.parse(line), rows);
      start = end + 1;
    }
    return start;
  }

  private static int indexOf(byte[] content, int from) {
    for (int i = from; i < content.length; i++) {
      if (content[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** Forces one journal line to disk; on failure closes the store (fail closed). */
  private void write(ObjectNode change) {
    byte[] line = (Journal.format(change) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        journal.write(buffer);
      }
      journal.force(false);
    } catch (IOException e) {
      close();
      throw new StoreUnavailableException("the journal cannot be written: " + e.getMessage());
    }
  }

  // ---- users ---------------------------------------------------------------------------------

  @Override
  public synchronized boolean initializeIfEmpty(List<String> roles, List<NewUser> systemUsers) {
    boolean inserted = rows.initializeIfEmpty(roles, systemUsers);
    if (inserted) {
      write(Journal.initialize(roles, systemUsers));
    }
    return inserted;
  }

  @Override
  public synchronized List<String> roles() {
    return rows.roles();
  }

  @Override
  public synchronized Optional<StoredUser> findUser(long userId) {
    return rows.findUser(userId);
  }

  @Override
  public synchronized Optional<StoredUser> findUserByEmail(String email) {
    return rows.findUserByEmail(email);
  }

  @Override
  public synchronized List<StoredUser> listUsers() {
    return rows.listUsers();
  }

  @Override
  public synchronized Optional<StoredUser> insertUser(NewUser user) {
    Optional<StoredUser> stored = rows.insertUser(user);
    stored.ifPresent(u -> write(Journal.insertUser(user)));
    return stored;
  }

  @Override
  public synchronized Optional<StoredUser> updateUser(
      long userId, Instant now, UnaryOperator<StoredUser> change) {
    Optional<StoredUser> written = rows.updateUser(userId, now, change);
    // The journal keeps the row as written, not the change: a function cannot be replayed.
    written.ifPresent(u -> write(Journal.userWritten(u)));
    return written;
  }

  @Override
  public synchronized boolean deleteUser(long userId) {
    boolean deleted = rows.deleteUser(userId);
    if (deleted) {
      write(Journal.deleteUser(userId));
    }
    return deleted;
  }

  // ---- sessions ------------------------------------------------------------------------------

  @Override
  public synchronized void insertSession(StoredSession session) {
    rows.insertSession(session);
    write(Journal.insertSession(session));
  }

  @Override
  public synchronized Optional<StoredSession> findSession(SessionToken token) {
    return rows.findSession(token);
  }

  @Override
  public synchronized Optional<StoredSession> updateSession(
      SessionToken token, UnaryOperator<StoredSession> change) {
    Optional<StoredSession> written = rows.updateSession(token, change);
    written.ifPresent(s -> write(Journal.sessionWritten(s)));
    return written;
  }

  @Override
  public synchronized boolean deleteSession(SessionToken token) {
    boolean deleted = rows.deleteSession(token);
    if (deleted) {
      write(Journal.deleteSession(token));
    }
    return deleted;
  }

  @Override
  public synchronized int deleteSessionsOfUser(long userId, @Nullable SessionToken keep) {
    int deleted = rows.deleteSessionsOfUser(userId, keep);
    if (deleted > 0) {
      write(Journal.deleteSessionsOfUser(userId, keep));
    }
    return deleted;
  }

  @Override
  public synchronized int deleteSessionsExpiredBefore(Instant cutoff) {
    int deleted = rows.deleteSessionsExpiredBefore(cutoff);
    if (deleted > 0) {
      write(Journal.deleteSessionsExpiredBefore(cutoff));
    }
    return deleted;
  }

  // ---- API keys ------------------------------------------------------------------------------

  @Override
  public synchronized void insertApiKey(StoredApiKey key) {
    rows.insertApiKey(key);
    write(Journal.insertApiKey(key));
  }

  @Override
  public synchronized Optional<StoredApiKey> findApiKey(ApiKeyToken token) {
    return rows.findApiKey(token);
  }

  @Override
  public synchronized boolean deleteApiKey(ApiKeyToken token, long userId, String userRole) {
    boolean deleted = rows.deleteApiKey(token, userId, userRole);
    if (deleted) {
      write(Journal.deleteApiKey(token, userId, userRole));
    }
    return deleted;
  }

  @Override
  public synchronized void insertNoSessionKey(StoredNoSessionKey key) {
    rows.insertNoSessionKey(key);
    write(Journal.insertNoSessionKey(key));
  }

  @Override
  public synchronized Optional<StoredNoSessionKey> findNoSessionKey(ApiKeyToken token) {
    return rows.findNoSessionKey(token);
  }

  @Override
  public synchronized boolean deleteNoSessionKey(ApiKeyToken token, long userId, String userRole) {
    boolean deleted = rows.deleteNoSessionKey(token, userId, userRole);
    if (deleted) {
      write(Journal.deleteNoSessionKey(token, userId, userRole));
    }
    return deleted;
  }

  @Override
  public synchronized int deleteNoSessionKeysOfUser(long userId) {
    int deleted = rows.deleteNoSessionKeysOfUser(userId);
    if (deleted > 0) {
      write(Journal.deleteNoSessionKeysOfUser(userId));
    }
    return deleted;
  }

  @Override
  public synchronized boolean rotateNoSessionKey(
      ApiKeyToken old, long userId, String userRole, StoredNoSessionKey replacement) {
    boolean rotated = rows.rotateNoSessionKey(old, userId, userRole, replacement);
    if (rotated) {
      write(Journal.rotateNoSessionKey(old, userId, userRole, replacement));
    }
    return rotated;
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  @Override
  public synchronized boolean isHealthy() {
    return journal.isOpen() && rows.isHealthy();
  }

  @Override
  public synchronized void close() {
    rows.close();
    try {
      journal.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
