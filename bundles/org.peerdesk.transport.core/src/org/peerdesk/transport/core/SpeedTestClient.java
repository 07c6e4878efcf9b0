package org.peerdesk.transport.core;

import static org.peerdesk.transport.core.SpeedTestHandler.CHUNK;
import static org.peerdesk.transport.core.SpeedTestHandler.ECHO;
import static org.peerdesk.transport.core.SpeedTestHandler.SINK;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Threads;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.SpeedTest;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportException;
import org.peerdesk.transport.TransportService;

/** This node's end of a speed test: sends to a peer's {@link SpeedTestHandler} and measures. */
@Component(service = SpeedTest.class)
public final class SpeedTestClient implements SpeedTest {

    private static final ProtocolId PROTOCOL = ProtocolId.of(SpeedTestHandler.PROTOCOL_ID);
    private static final int PING_SIZE = 64;
    private static final Duration PING_INTERVAL = Duration.ofMillis(1);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(10);

    private final TransportService transport;

    @Activate
    public SpeedTestClient(@Reference TransportService transport) {
        this.transport = transport;
    }

    @Override
    public Result run(PeerId peer, long bytes) throws TransportException {
        if (bytes <= 0 || bytes > MAX_BYTES) {
            throw new TransportException("A speed test sends from 1 byte to " + (MAX_BYTES >> 30) + " GiB, not " + bytes + ".");
        }
        try (Stream echo = open(peer); Stream sink = open(peer)) {
            AtomicBoolean sending = new AtomicBoolean(true);
            CompletableFuture<double[]> roundTrips = new CompletableFuture<>();
            Threads.daemon("peerdesk-speedtest").newThread(() -> measureRoundTrips(echo, sending, roundTrips)).start();
            long start = System.nanoTime();
            try {
                send(sink, bytes);
            } finally {
                sending.set(false);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new Result(bytes, elapsed, roundTrips.get(30, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new TransportException("The speed test with " + peer.shortForm() + " failed: " + e.getMessage(), e);
        } catch (ExecutionException e) {
            throw new TransportException("The speed test with " + peer.shortForm() + " failed: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new TransportException("The speed test with " + peer.shortForm() + " got no echo for 30 s.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("The speed test was interrupted.", e);
        }
    }

    private Stream open(PeerId peer) throws TransportException, InterruptedException {
        return transport.awaitStream(peer, PROTOCOL, OPEN_TIMEOUT);
    }

    private static void send(Stream sink, long bytes) throws IOException {
        DataOutputStream out = new DataOutputStream(sink.output());
        out.writeByte(SINK);
        out.writeLong(bytes);
        byte[] chunk = new byte[CHUNK];
        for (long sent = 0; sent < bytes; sent += chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, bytes - sent));
        }
        out.close();
        long confirmed = new DataInputStream(sink.input()).readLong();
        if (confirmed != bytes) {
            throw new IOException("the peer confirmed " + confirmed + " of " + bytes + " bytes");
        }
    }

    private static void measureRoundTrips(Stream echo, AtomicBoolean sending, CompletableFuture<double[]> result) {
        double[] millis = new double[1024];
        int count = 0;
        byte[] message = new byte[PING_SIZE];
        try {
            OutputStream out = echo.output();
            InputStream in = echo.input();
            out.write(ECHO);
            while (sending.get()) {
                long start = System.nanoTime();
                out.write(message);
                in.readNBytes(message, 0, message.length);
                if (count == millis.length) {
                    millis = Arrays.copyOf(millis, count * 2);
                }
                millis[count++] = (System.nanoTime() - start) / 1e6;
                Thread.sleep(PING_INTERVAL);
            }
            out.close();
            in.read(); // the end of the echo, so that neither side resets the stream
            double[] sorted = Arrays.copyOf(millis, count);
            Arrays.sort(sorted);
            result.complete(sorted);
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result.completeExceptionally(e);
        }
    }
}
