package org.authnz.internal.mail;

import com.icegreen.greenmail.util.DummySSLServerSocketFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A STARTTLS front for a GreenMail SMTP server (GreenMail has no STARTTLS, see its issue 135): it
 * relays the plain SMTP dialogue, adds {@code STARTTLS} as the last line of the EHLO reply, and on
 * {@code STARTTLS} switches the client side to TLS with GreenMail's self-signed certificate, then
 * relays the rest unchanged. So a client that insists on STARTTLS, as authnz does by default, can
 * deliver to a real SMTP server in tests. Test code only.
 */
public final class StartTlsFront implements AutoCloseable {
  private final ServerSocket listener;
  private final int upstreamPort;
  private final SSLContext tls;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;

  private StartTlsFront(ServerSocket listener, int upstreamPort, SSLContext tls) {
    this.listener = listener;
    this.upstreamPort = upstreamPort;
    this.tls = tls;
  }

  /** Starts a front on a free loopback port for the plain SMTP server at {@code upstreamPort}. */
  public static StartTlsFront start(int upstreamPort) {
    try {
      KeyStore keys = new DummySSLServerSocketFactory().getKeyStore();
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, "changeit".toCharArray());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(kmf.getKeyManagers(), null, null);
      ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      StartTlsFront front = new StartTlsFront(listener, upstreamPort, tls);
      front.spawn(front::acceptLoop);
      return front;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The loopback port clients connect to. */
  public int port() {
    return listener.getLocalPort();
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
  }

  private synchronized void spawn(Runnable task) {
    Thread thread = new Thread(task, "starttls-front");
    thread.setDaemon(true);
    threads.add(thread);
    thread.start();
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        Socket client = listener.accept();
        spawn(() -> serve(client));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void serve(Socket client) {
    try (client;
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
      InputStream clientIn = client.getInputStream();
      OutputStream clientOut = client.getOutputStream();
      InputStream upIn = upstream.getInputStream();
      OutputStream upOut = upstream.getOutputStream();
      relayReply(upIn, clientOut, false);
      String line;
      while ((line = readLine(clientIn)) != null) {
        String command = line.toUpperCase(Locale.ROOT);
        if (command.equals("STARTTLS")) {
          write(clientOut, "220 2.0.0 Ready to start TLS\r\n");
          SSLSocket secure =
              (SSLSocket)
                  tls.getSocketFactory()
                      .createSocket(client, client.getInetAddress().getHostAddress(), 0, false);
          secure.setUseClientMode(false);
          secure.startHandshake();
          OutputStream secureOut = secure.getOutputStream();
          InputStream secureIn = secure.getInputStream();
          spawn(() -> pipe(upIn, secureOut));
          pipe(secureIn, upOut);
          return;
        }
        write(upOut, line + "\r\n");
        relayReply(upIn, clientOut, command.startsWith("EHLO"));
        if (command.startsWith("QUIT")) {
          return;
        }
      }
    } catch (IOException e) {
      // the client or the server went away
    }
  }

  /** Relays one (multi-line) reply; for a successful EHLO adds a STARTTLS line at the end. */
  private static void relayReply(InputStream in, OutputStream out, boolean ehlo)
      throws IOException {
    List<String> lines = new ArrayList<>();
    String line;
    do {
      line = readLine(in);
      if (line == null) {
        throw new IOException("server closed");
      }
      lines.add(line);
    } while (line.length() > 3 && line.charAt(3) == '-');
    StringBuilder reply = new StringBuilder();
    boolean extend = ehlo && line.startsWith("250");
    for (String current : lines) {
      if (extend && current.length() > 3) {
        reply.append(current, 0, 3).append('-').append(current.substring(4));
      } else {
        reply.append(current);
      }
      reply.append("\r\n");
    }
    if (extend) {
      reply.append("250 STARTTLS\r\n");
    }
    write(out, reply.toString());
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) >= 0) {
      if (b == '\n') {
        String text = bytes.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      bytes.write(b);
    }
    return bytes.size() == 0 ? null : bytes.toString(StandardCharsets.ISO_8859_1);
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  private static void pipe(InputStream in, OutputStream out) {
    byte[] buffer = new byte[8192];
    try {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      try {
        out.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }
}
