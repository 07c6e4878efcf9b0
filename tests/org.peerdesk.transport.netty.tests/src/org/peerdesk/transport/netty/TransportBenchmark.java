package org.peerdesk.transport.netty;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.identity.core.LocalIdentity;
import org.peerdesk.testing.BenchmarkReport;
import org.peerdesk.testing.JdkSocketReference;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;

/**
 * Measures the transport against the JDK's own TLS 1.3 socket and plain TCP in the same run, on
 * loopback, and records the figures in docs/benchmarks.md. Run with {@code ./peerdesk bench}.
 */
@Tag("benchmark")
class TransportBenchmark {

    private static final long MIB = 1 << 20;
    private static final long TOTAL = 1024 * MIB;
    private static final long WARM_UP = 256 * MIB;
    private static final int WRITE = (int) MIB;
    private static final ProtocolId SINK = ProtocolId.of("/bench/sink/1");
    private static final ProtocolId ECHO = ProtocolId.of("/bench/echo/1");

    @TempDir
    Path home;

    @Test
    void transportAgainstJdkTlsAndTcp() throws Exception {
        LocalIdentity server = LocalIdentity.inFolder(home.resolve("server"));
        LocalIdentity client = LocalIdentity.inFolder(home.resolve("client"));
        JdkSocketReference reference = JdkSocketReference.between(
                context(server, PeerTrustManager.anyPeer(java.time.Clock.systemUTC())),
                context(client, PeerTrustManager.expecting(server.peerId(), java.time.Clock.systemUTC())));
        double tcp = reference.tcpMebibytesPerSecond(WARM_UP, TOTAL);
        double jdkTls = reference.tlsMebibytesPerSecond(WARM_UP, TOTAL);
        try (TestPeer a = new TestPeer(home.resolve("a")); TestPeer b = new TestPeer(home.resolve("b"))) {
            b.handlers.put(SINK, stream -> drain(stream.input()));
            b.handlers.put(ECHO, stream -> stream.input().transferTo(stream.output()));
            double[] connectMillis = connectToFirstStream(a, b);
            a.transport.connect(b.id(), b.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            streamThroughput(a, b, WARM_UP);
            CompletableFuture<double[]> latency = new CompletableFuture<>();
            Stream echo = a.transport.openStream(b.id(), ECHO).toCompletableFuture().get(10, TimeUnit.SECONDS);
            Thread pinger = new Thread(() -> latency.complete(pingPong(echo, 2000)));
            long start = System.nanoTime();
            pinger.start();
            double ours = streamThroughput(a, b, TOTAL);
            double seconds = (System.nanoTime() - start) / 1e9;
            double[] rtt = latency.get(60, TimeUnit.SECONDS);
            echo.close();
            record(tcp, jdkTls, ours, seconds, rtt, connectMillis);
        }
    }

    private static double streamThroughput(TestPeer a, TestPeer b, long bytes) throws Exception {
        Stream sink = a.transport.openStream(b.id(), SINK).toCompletableFuture().get(10, TimeUnit.SECONDS);
        byte[] chunk = new byte[WRITE];
        long start = System.nanoTime();
        try (OutputStream out = sink.output()) {
            for (long sent = 0; sent < bytes; sent += chunk.length) {
                out.write(chunk);
            }
        }
        sink.input().read(); // the sink closes when it has read everything
        double seconds = (System.nanoTime() - start) / 1e9;
        sink.close();
        return bytes / (double) MIB / seconds;
    }

    private static double[] pingPong(Stream stream, int count) {
        double[] millis = new double[count];
        byte[] message = new byte[64];
        try {
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                stream.output().write(message);
                stream.output().flush();
                stream.input().readNBytes(message.length);
                millis[i] = (System.nanoTime() - start) / 1e6;
                Thread.sleep(1);
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        Arrays.sort(millis);
        return millis;
    }

    private static double[] connectToFirstStream(TestPeer a, TestPeer b) throws Exception {
        int rounds = 20;
        double[] millis = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            a.transport.connect(b.id(), b.address()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            Stream stream = a.transport.openStream(b.id(), ECHO).toCompletableFuture().get(10, TimeUnit.SECONDS);
            millis[i] = (System.nanoTime() - start) / 1e6;
            stream.close();
            a.transport.disconnect(b.id());
            while (!a.transport.connectedPeers().isEmpty() || !b.transport.connectedPeers().isEmpty()) {
                Thread.sleep(5);
            }
        }
        Arrays.sort(millis);
        return millis;
    }

    private static SSLContext context(LocalIdentity identity, TrustManager trust) throws Exception {
        SSLContext context = SSLContext.getInstance("TLSv1.3");
        context.init(new KeyManager[] {identity.keyManager()}, new TrustManager[] {trust}, null);
        return context;
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[256 * 1024];
        while (in.read(buffer) >= 0) {
            // count nothing: the sender times the whole transfer
        }
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static void record(double tcp, double jdkTls, double ours, double seconds, double[] rtt, double[] connect)
            throws IOException {
        String machine = Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / MIB + " MiB heap, Java " + Runtime.version();
        BenchmarkReport.record("transport", String.format(Locale.ROOT, """
                ## Transport (in one JVM, two transports over loopback)

                Command: `./peerdesk bench`. Measured %s on %s. 1 GiB after a 256 MiB warm-up, 1 MiB writes,
                TLS 1.3 with TLS_AES_128_GCM_SHA256 and the same Ed25519 keys everywhere.

                | measure | result | reference in the same run | target |
                |---|---|---|---|
                | (a) one stream, 1 GiB | %.0f MiB/s (%.1f s) | JDK TLS socket %.0f MiB/s (%.0f%%), raw TCP %.0f MiB/s | at least 80%% of JDK TLS |
                | (b) 64-byte round trip on a second stream during (a) | p50 %.2f ms, p99 %.2f ms | | p99 under 5 ms |
                | (c) connect to first stream open | median %.1f ms, max %.1f ms (20 runs) | | under 50 ms |
                | (d) resident memory of an idle node, per connection | see "Node memory" below (node processes) | | |

                Both transports share the JVM and its two cores with the sender and receiver threads, so
                (a) is a floor for two processes. The figures to compare are (a) against the JDK socket.
                """, LocalDate.now(), machine, ours, seconds, jdkTls, 100 * ours / jdkTls, tcp,
                percentile(rtt, 0.5), percentile(rtt, 0.99), percentile(connect, 0.5), connect[connect.length - 1]));
    }
}
