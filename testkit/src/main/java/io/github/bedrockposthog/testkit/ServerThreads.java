package io.github.bedrockposthog.testkit;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Daemon threads for the loopback servers, so a forgotten server never keeps a JVM alive. */
final class ServerThreads {

    private ServerThreads() {
    }

    /** A cached pool of daemon threads: concurrent calls and stalled answers never wait for each other. */
    static ExecutorService cachedDaemonPool(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newCachedThreadPool(factory);
    }

    /**
     * Starts the server from a daemon thread. The JDK server's dispatcher thread inherits the daemon flag of the
     * thread that starts it, so this makes it a daemon too.
     */
    static void startAsDaemon(HttpServer server, String name) {
        Thread starter = new Thread(server::start, name + "-starter");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + name, e);
        }
    }

    /** {@code 127.0.0.1:port}, explicitly IPv4 whatever the JVM's address preferences. */
    static InetSocketAddress loopback(int port) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1}), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("cannot build 127.0.0.1", e);
        }
    }
}
