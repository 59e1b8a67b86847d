package org.authnz.transport.http.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A loopback TCP proxy in front of one server (PostgreSQL, Redis) that a test can cut and restore,
 * to simulate the server going away without touching it. It copies bytes both ways and parses
 * nothing.
 *
 * <ul>
 *   <li>{@link Fault#REFUSE}: every open connection is closed at once, and new connections are
 *       reset as soon as they are accepted, as when the server has stopped.
 *   <li>{@link Fault#BLACKHOLE}: connections stay open and new ones are accepted, but no byte is
 *       delivered either way, as when the network drops packets; the clients wait for answers that
 *       never come.
 * </ul>
 *
 * <p>{@link #restore()} closes every connection that lived through the cut (as a firewall that
 * forgot them would) and forwards new ones again. Thread-safe; one thread per direction of each
 * connection.
 */
final class TcpProxy implements AutoCloseable {

  /** How the proxy fails while cut. */
  enum Fault {
    REFUSE,
    BLACKHOLE
  }

  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Set<Link> links = ConcurrentHashMap.newKeySet();
  private final Object lock = new Object();
  private volatile @Nullable Fault fault;
  private volatile boolean closed;

  private TcpProxy(InetSocketAddress target, ServerSocket listener) {
    this.target = target;
    this.listener = listener;
  }

  /** Starts a proxy on a free loopback port, forwarding to {@code 127.0.0.1:targetPort}. */
  static TcpProxy start(int targetPort) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    ServerSocket listener = new ServerSocket(0, 64, loopback);
    TcpProxy proxy = new TcpProxy(new InetSocketAddress(loopback, targetPort), listener);
    Thread acceptor = new Thread(proxy::acceptLoop, "tcp-proxy-accept-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
    return proxy;
  }

  /** The port clients connect to. */
  int port() {
    return listener.getLocalPort();
  }

  /** Starts failing as {@code how} says. */
  void cut(Fault how) {
    synchronized (lock) {
      fault = how;
      if (how == Fault.REFUSE) {
        closeLinks();
      }
    }
  }

  /** Drops the connections that lived through the cut and forwards again. */
  void restore() {
    synchronized (lock) {
      closeLinks();
      fault = null;
    }
  }

  /** How many connections are open through the proxy. */
  int openConnections() {
    return links.size();
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException e) {
      // closing anyway
    }
    synchronized (lock) {
      closeLinks();
    }
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        if (closed) {
          return;
        }
        continue;
      }
      synchronized (lock) {
        accept(client);
      }
    }
  }

  private void accept(Socket client) {
    Fault now = fault;
    if (now == Fault.REFUSE) {
      reset(client);
      return;
    }
    Socket upstream = null;
    if (now == null) {
      try {
        upstream = new Socket();
        upstream.connect(target, 2000);
      } catch (IOException e) {
        reset(client);
        closeQuietly(upstream);
        return;
      }
    }
    Link link = new Link(client, upstream);
    links.add(link);
    link.start();
  }

  private void closeLinks() {
    List<Link> all = new ArrayList<>(links);
    all.forEach(Link::close);
    links.removeAll(all);
  }

  /** Closes with an RST, so the peer fails at once instead of reading an orderly end. */
  private static void reset(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (SocketException e) {
      // closing anyway
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(@Nullable Socket socket) {
    if (socket == null) {
      return;
    }
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  /**
   * One client connection and its upstream connection (none when accepted while blackholed: such a
   * link swallows what the client sends until it is closed).
   */
  private final class Link {
    private final Socket client;
    private final @Nullable Socket upstream;

    Link(Socket client, @Nullable Socket upstream) {
      this.client = client;
      this.upstream = upstream;
    }

    void start() {
      pump(client, upstream, "up");
      if (upstream != null) {
        pump(upstream, client, "down");
      }
    }

    private void pump(Socket from, @Nullable Socket to, String direction) {
      Thread thread =
          new Thread(() -> copy(from, to), "tcp-proxy-" + direction + "-" + from.getLocalPort());
      thread.setDaemon(true);
      thread.start();
    }

    private void copy(Socket from, @Nullable Socket to) {
      byte[] buffer = new byte[16 * 1024];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to == null ? null : to.getOutputStream();
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          if (fault == null && out != null) {
            out.write(buffer, 0, n);
            out.flush();
          }
          // blackholed: the bytes are dropped
        }
      } catch (IOException e) {
        // the connection ended
      }
      if (fault != Fault.BLACKHOLE) {
        close();
        links.remove(this);
      }
    }

    void close() {
      reset(client);
      closeQuietly(upstream);
    }
  }
}
