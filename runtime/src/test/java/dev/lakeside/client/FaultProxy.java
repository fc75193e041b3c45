package dev.lakeside.client;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 proxy on 127.0.0.1 in front of a server, that can lose a response: it forwards the request, reads the
 * server's whole answer (so the server has done the work) and then resets the client's connection without relaying
 * a byte of it, as a load balancer dropping a connection after the backend answered would.
 *
 * <p>Each client connection carries one request: the proxy asks the server for {@code Connection: close} and tells
 * the client the same, so neither side keeps a connection the proxy would have to frame responses on. Requests are
 * read by {@code Content-Length} (the client sends every body as a byte array); a chunked request fails the
 * exchange loudly.
 */
final class FaultProxy implements AutoCloseable {
  private static final int TIMEOUT_MILLIS = 20_000;

  private final InetSocketAddress upstream;
  private final ServerSocket listener;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread thread = new Thread(r, "fault-proxy");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger responsesToLose = new AtomicInteger();
  private final List<Throwable> failures = new ArrayList<>();

  private FaultProxy(URI server) throws IOException {
    this.upstream = new InetSocketAddress(server.getHost(), server.getPort());
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    threads.execute(this::accept);
  }

  /** A proxy in front of the server at {@code server} (an {@code http} URI with a host and a port). */
  static FaultProxy start(URI server) throws IOException {
    return new FaultProxy(server);
  }

  URI baseUri() {
    return URI.create("http://127.0.0.1:" + listener.getLocalPort());
  }

  /** The requests received since the last {@link #reset()}. */
  int requests() {
    return requests.get();
  }

  /** The responses to the next {@code count} requests are lost. */
  void loseResponses(int count) {
    responsesToLose.set(count);
  }

  void reset() {
    requests.set(0);
    responsesToLose.set(0);
  }

  /** What went wrong inside the proxy itself (not a lost response), for the test to assert empty. */
  synchronized List<Throwable> failures() {
    return List.copyOf(failures);
  }

  @Override
  public void close() throws IOException {
    listener.close();
    threads.shutdownNow();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        threads.execute(() -> exchange(client));
      } catch (IOException e) {
        if (!listener.isClosed()) {
          fail(e);
        }
      }
    }
  }

  private void exchange(Socket client) {
    try (client; Socket server = new Socket()) {
      client.setSoTimeout(TIMEOUT_MILLIS);
      InputStream fromClient = new BufferedInputStream(client.getInputStream());
      Head request = Head.read(fromClient);
      if (request == null) {
        return;
      }
      String length = request.header("Content-Length");
      if (request.header("Transfer-Encoding") != null) {
        throw new IllegalStateException("expected a request with Content-Length, found Transfer-Encoding: "
            + request.header("Transfer-Encoding") + " in " + request.lines.get(0));
      }
      byte[] body = fromClient.readNBytes(length == null ? 0 : Integer.parseInt(length.strip()));
      requests.incrementAndGet();
      boolean lose = responsesToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0;

      server.connect(upstream, TIMEOUT_MILLIS);
      server.setSoTimeout(TIMEOUT_MILLIS);
      OutputStream toServer = server.getOutputStream();
      toServer.write(request.withConnectionClose());
      toServer.write(body);
      toServer.flush();

      InputStream fromServer = new BufferedInputStream(server.getInputStream());
      if (lose) {
        fromServer.transferTo(OutputStream.nullOutputStream());
        client.setSoLinger(true, 0);
        return;
      }
      Head response = Head.read(fromServer);
      if (response == null) {
        throw new IllegalStateException("expected a response from " + upstream + ", found the connection closed");
      }
      OutputStream toClient = client.getOutputStream();
      toClient.write(response.withConnectionClose());
      fromServer.transferTo(toClient);
      toClient.flush();
    } catch (SocketException e) {
      // the client gave up on the exchange (its own timeout); nothing to relay to
    } catch (IOException | RuntimeException e) {
      fail(e);
    }
  }

  private synchronized void fail(Throwable e) {
    failures.add(e);
  }

  /** A request or response head: the start line and the header lines. */
  private record Head(List<String> lines) {
    /** Reads up to the empty line; null if the stream ends first. */
    static Head read(InputStream in) throws IOException {
      List<String> lines = new ArrayList<>();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int previous = -1;
      for (int b = in.read(); b >= 0; b = in.read()) {
        if (b == '\n' && previous == '\r') {
          String text = line.toString(StandardCharsets.ISO_8859_1);
          text = text.substring(0, text.length() - 1);
          if (text.isEmpty()) {
            return new Head(lines);
          }
          lines.add(text);
          line.reset();
        } else {
          line.write(b);
        }
        previous = b;
      }
      return null;
    }

    String header(String name) {
      for (String line : lines.subList(1, lines.size())) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).strip();
        }
      }
      return null;
    }

    /** The head again, hop-by-hop headers replaced by {@code Connection: close}. */
    byte[] withConnectionClose() {
      StringBuilder out = new StringBuilder(lines.get(0)).append("\r\n");
      for (String line : lines.subList(1, lines.size())) {
        String name = line.substring(0, Math.max(0, line.indexOf(':'))).strip().toLowerCase(Locale.ROOT);
        if (!List.of("connection", "keep-alive", "upgrade", "http2-settings").contains(name)) {
          out.append(line).append("\r\n");
        }
      }
      return out.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
  }
}
