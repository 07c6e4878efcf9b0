package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.core.Envelope.Text;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;

/**
 * A peer that floods a node with messages, writing envelopes on its stream as fast as the stream
 * takes them: the node holds it to its rate, takes in another peer's message in the middle of the
 * flood rather than after it, and loses none of the flood either.
 */
class FloodTest {

    private static final double RATE = 1000;
    private static final int FLOOD = 4000;

    @TempDir
    Path home;

    @Test
    void aFloodIsHeldToItsRateWhileOthersGetThroughAndNothingIsLost() throws Exception {
        ExecutorService eveThreads = Executors.newFixedThreadPool(2);
        try (TestNetwork network = new TestNetwork(); TestPeer ben = new TestPeer("ben", home, network, RATE);
                TestPeer eve = new TestPeer("eve", home, network); TestPeer ana = new TestPeer("ana", home, network)) {
            network.connect(eve, ben);
            ConversationId flooded = ConversationId.direct(eve.id(), ben.id());
            List<byte[]> flood = new ArrayList<>();
            long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
            for (int i = 0; i < FLOOD; i++) {
                flood.add(eve.seal(new Envelope(Envelopes.newId(), flooded, eve.id(), clock + i, new Text("flood " + i, List.of()))));
            }
            Stream stream = network.streamsOf(eve).open(ben.id(), ProtocolId.of(MessagesWire.PROTOCOL));
            CompletableFuture<List<Verdict>> answers = CompletableFuture.supplyAsync(() -> verdicts(stream, FLOOD), eveThreads);
            long start = System.nanoTime();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> write(stream, flood), eveThreads);

            Await.until(() -> stored(ben, flooded) > 0, () -> "the flood did not begin");
            network.connect(ana, ben);
            ConversationId chat = ana.messenger().direct(ben.id()).id();
            ana.messenger().send(chat, "hello in the middle of a flood");
            Await.until(() -> ben.messenger().latest(chat, 1).size() == 1, () -> "ana's message did not get through");
            int floodStoredBefore = stored(ben, flooded);
            assertTrue(floodStoredBefore < FLOOD, "ana's message waited for the whole flood: " + floodStoredBefore);

            List<Verdict> verdicts = answers.get(60, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            writing.get(10, TimeUnit.SECONDS);
            assertTrue(verdicts.stream().allMatch(verdict -> verdict == Verdict.STORED), "every envelope was stored");
            assertEquals(FLOOD, stored(ben, flooded), "the flood was slowed, not dropped");
            double allowed = (FLOOD - RATE) / RATE; // the first second's worth may come at once
            assertTrue(seconds >= allowed * 0.9, FLOOD + " envelopes at " + RATE + "/s took only " + seconds + " s");
            assertEquals(List.of(), ben.dropped, "slowing a peer down is not a refusal");
        } finally {
            eveThreads.shutdownNow();
        }
    }

    private static int stored(TestPeer peer, ConversationId conversation) throws Exception {
        return (int) peer.added.stream().map(Message::conversation).filter(conversation::equals).count();
    }

    private static void write(Stream stream, List<byte[]> envelopes) {
        try {
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream.output()));
            for (byte[] envelope : envelopes) {
                MessagesWire.writeEnvelope(out, envelope);
            }
            out.flush();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<Verdict> verdicts(Stream stream, int count) {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(stream.input()));
            List<Verdict> verdicts = new ArrayList<>();
            while (verdicts.size() < count) {
                verdicts.add(MessagesWire.readVerdict(in));
            }
            return verdicts;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
