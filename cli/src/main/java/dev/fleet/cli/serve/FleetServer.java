package dev.fleet.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.fleet.concurrent.Workers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one HTTP server of {@code serve}: the JDK's, on a small pool of its own threads. Every route runs guarded: a
 * body over its limit is answered 413, any other failure 500 with no detail (the detail goes to the log), so a
 * route's bug never hangs a client or leaks what the exception held.
 */
public final class FleetServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FleetServer.class);
    /** Routes answer at once and leave passes to the scheduler: a few threads serve many clients. */
    private static final int THREADS = 8;
    /** How long a stop lets exchanges under way finish. */
    private static final int STOP_SECONDS = 2;

    private final HttpServer server;
    private final ExecutorService executor;

    private FleetServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds {@code address} (port 0 picks a free one); nothing is answered before {@link #start}. */
    public static FleetServer bind(InetSocketAddress address) throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, Workers.daemons("fleet-http"));
        server.setExecutor(executor);
        return new FleetServer(server, executor);
    }

    /** Answers requests under {@code path} (a prefix, as the JDK server matches them) with {@code handler}. */
    public void route(String path, HttpHandler handler) {
        server.createContext(path, exchange -> guarded(handler, exchange));
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    public void start() {
        server.start();
    }

    @Override
    public void close() {
        server.stop(STOP_SECONDS);
        executor.shutdownNow();
        try {
            executor.awaitTermination(STOP_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void guarded(HttpHandler handler, HttpExchange exchange) {
        try (exchange) {
            try {
                handler.handle(exchange);
            } catch (HttpExchanges.BodyTooLarge e) {
                answerFailure(exchange, 413, e.getMessage());
            } catch (IOException e) {
                LOG.debug("{} {}: the client went away: {}", exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
                answerFailure(exchange, 500, "internal error; the server's log says more");
            }
        }
    }

    /** Only while nothing was answered yet: once the headers went, the client sees the connection close. */
    private static void answerFailure(HttpExchange exchange, int status, String message) {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        try {
            HttpExchanges.problem(exchange, status, message);
        } catch (IOException e) {
            LOG.debug("could not answer {}: {}", status, e.getMessage());
        }
    }
}
