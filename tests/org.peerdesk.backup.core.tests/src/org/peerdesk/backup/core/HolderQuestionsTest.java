package org.peerdesk.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.peerdesk.backup.HolderAnswer;
import org.peerdesk.core.PeerId;
import org.peerdesk.testing.PipeStream;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;

/** Holders that take the owner's proof and then do not answer whether they store: said so, within the time given. */
class HolderQuestionsTest {

    private static final PeerId OWNER = peer(1);
    private static final PeerId SILENT = peer(2);
    private static final PeerId OLDER = peer(3);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void aHolderThatStaysSilentOrDoesNotKnowTheQuestionIsSaidNotToHaveAnswered() throws Exception {
        HolderQuestions questions = new HolderQuestions(new RawHolders(), VaultKeys.generate(), PeerId::shortForm);

        long started = System.nanoTime();
        List<HolderAnswer> answers = questions.ask(List.of(SILENT, OLDER), Duration.ofSeconds(5), threads);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(List.of(HolderAnswer.Kind.NO_ANSWER, HolderAnswer.Kind.NO_ANSWER), answers.stream().map(HolderAnswer::kind).toList());
        assertEquals(SILENT.shortForm() + " could not be asked: nothing came back within 5 s", answers.get(0).summary());
        assertEquals(OLDER.shortForm() + " could not be asked: " + OLDER.shortForm() + " did not answer: it ended the stream",
                answers.get(1).summary(), "the broken stream is seen, not waited out");
        assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "the silent one given up on when the time is up: " + took);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!linkThreads().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), linkThreads(), "a broken link ends both its threads, whichever broke");
    }

    /** The threads of links to the two holders that are still alive. */
    private static List<String> linkThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(name -> name.startsWith("peerdesk-backup-") && (name.endsWith(SILENT.shortForm()) || name.endsWith(OLDER.shortForm())))
                .toList();
    }

    /**
     * Holders on raw streams that take the owner's proof; then the silent one reads requests and answers none, the
     * older one (which has no such request) breaks the stream off as a holder does at a request it does not know.
     */
    private final class RawHolders implements Streams {

        @Override
        public boolean connected(PeerId peer) {
            return true;
        }

        @Override
        public List<PeerId> connectedPeers() {
            return List.of(SILENT, OLDER);
        }

        @Override
        public Stream open(PeerId peer, ProtocolId protocol) throws IOException {
            PipeStream[] ends = PipeStream.pair(OWNER, peer, protocol);
            threads.execute(() -> {
                try (Stream holder = ends[1]) {
                    DataInputStream in = new DataInputStream(holder.input());
                    DataOutputStream out = new DataOutputStream(holder.output());
                    out.write(new byte[BackupWire.NONCE_BYTES]);
                    out.flush();
                    in.readFully(new byte[32 + BackupWire.SIGNATURE_BYTES]);
                    out.writeByte(BackupWire.OK);
                    out.flush();
                    in.readByte();
                    if (peer.equals(OLDER)) {
                        holder.reset();
                    } else {
                        in.read();
                    }
                } catch (IOException ended) {
                    // the owner gave up on this holder
                }
            });
            return ends[0];
        }

        @Override
        public String addressOf(PeerId peer) {
            return "";
        }

        @Override
        public List<String> addressesOf(PeerId peer) {
            return List.of();
        }

        @Override
        public boolean connect(PeerId peer, String address) {
            return true;
        }

        @Override
        public List<Heard> heardNearby() {
            return List.of();
        }

        @Override
        public void keep(PeerId peer) {
        }

        @Override
        public void release(PeerId peer) {
        }
    }

    private static PeerId peer(int first) {
        byte[] id = new byte[PeerId.LENGTH];
        id[0] = (byte) first;
        return new PeerId(id);
    }
}
