package org.authnz.transport.http.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.BindException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.sql.SQLException;
import java.util.Locale;
import org.authnz.AuthnzException;
import org.authnz.StoreUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Says in plain words why a start-up step failed, for the one line {@code authnzrv} prints: never
 * an exception's class name, and never a message that could quote a secret (a driver's message can
 * quote the database URL). Our own exceptions' messages hold no secrets and are used as they are.
 */
final class FailureText {

  /** For failures nothing here recognises; the debug log has the exception's types. */
  static final String UNEXPECTED = "an unexpected error (run with --logging=debug for details)";

  private FailureText() {}

  /** The reason {@code failure} gives, as a phrase to follow "cannot ...: ". */
  static String of(Throwable failure) {
    @Nullable String known = knownCause(failure);
    if (failure instanceof StoreUnavailableException && known != null) {
      return known; // its own message is a code ("SQLState 08001"); the cause says more
    }
    @Nullable String message = failure.getMessage();
    boolean ours = failure instanceof AuthnzException || failure instanceof StartupException;
    if (ours && message != null) {
      return known == null || message.endsWith(known) ? message : message + ": " + known;
    }
    return known != null ? known : UNEXPECTED;
  }

  /**
   * The chain of exception types from {@code failure} to its root cause, each with the place it was
   * thrown, for the debug log: no messages, since a driver's message can quote a database URL with
   * its password.
   */
  static String causes(Throwable failure) {
    StringBuilder chain = new StringBuilder();
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 10; t = t.getCause(), depth++) {
      if (depth > 0) {
        chain.append(" <- ");
      }
      chain.append(t.getClass().getName());
      StackTraceElement[] trace = t.getStackTrace();
      if (trace.length > 0) {
        chain.append(" at ").append(trace[0]);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return chain.toString();
  }

  /** Whether {@code failure} or one of its causes says the address does not resolve. */
  static boolean isUnresolvedAddress(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return true;
      }
    }
    return false;
  }

  /** The first cause (from {@code failure} itself on) whose kind says what happened. */
  private static @Nullable String knownCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      @Nullable String reason = reason(t);
      if (reason != null) {
        return reason;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static @Nullable String reason(Throwable t) {
    if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
      return "not a valid address";
    }
    if (t instanceof BindException) {
      return bindReason(t.getMessage());
    }
    if (t instanceof FileSystemException file) {
      return fileReason(file);
    }
    if (t instanceof CharacterCodingException) {
      return "not valid UTF-8 text";
    }
    if (t instanceof JsonProcessingException json) {
      return jsonReason(json);
    }
    if (t instanceof SQLException sql) {
      return sqlReason(sql);
    }
    return null;
  }

  /** The JDK's bind failures carry the operating system's text, which we translate. */
  private static String bindReason(@Nullable String message) {
    String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (text.contains("in use")) {
      return "address in use";
    }
    if (text.contains("assign")) {
      return "not an address of this machine";
    }
    if (text.contains("permission")) {
      return "permission denied (ports below 1024 need privileges)";
    }
    return "the address cannot be bound";
  }

  private static String fileReason(FileSystemException failure) {
    String what;
    if (failure instanceof NoSuchFileException) {
      what = "no such file or directory";
    } else if (failure instanceof AccessDeniedException) {
      what = "permission denied";
    } else if (failure instanceof FileAlreadyExistsException) {
      what = "already exists";
    } else if (failure instanceof NotDirectoryException) {
      what = "not a directory";
    } else if (failure instanceof DirectoryNotEmptyException) {
      what = "directory not empty";
    } else {
      // The operating system's reason ("Is a directory", "Read-only file system"): no secrets.
      @Nullable String reason = failure.getReason();
      what = reason == null ? "cannot be used" : reason.toLowerCase(Locale.ROOT);
    }
    @Nullable String file = failure.getFile();
    return file == null ? what : file + ": " + what;
  }

  /** Where the JSON breaks, not the parser's message, which quotes the text. */
  private static String jsonReason(JsonProcessingException failure) {
    JsonLocation at = failure.getLocation();
    return at == null
        ? "not valid JSON"
        : "not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  /** By SQLState class; the driver's message can quote the URL, so it is never used. */
  private static String sqlReason(SQLException failure) {
    @Nullable String state = failure.getSQLState();
    if (state == null) {
      return "the database failed (no SQLState)";
    }
    if (state.startsWith("08")) {
      return "cannot connect to the database server (check host, port and that it runs)";
    }
    if (state.startsWith("28") || failure.getErrorCode() == 1045) {
      return "the database server refused the user name or password";
    }
    if (state.equals("3D000") || failure.getErrorCode() == 1049) {
      return "the database does not exist";
    }
    return "the database failed (SQLState " + state + ")";
  }
}
