package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.core.LocalIdentity;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;
import org.peerdesk.testing.PipeStream;
import org.peerdesk.transport.Introduction;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.event.TransportTopics;

/**
 * Ben's node taking introductions from the peers he knows, over an in-memory stream into a real database: what
 * waits for his answer, what is not taken, and how much one introducer can leave there.
 */
@Timeout(120)
class IntroductionTest {

    private static final PeerId ANA = peer("ana");
    private static final PeerId DAN = peer("dan");
    private static final PeerId CAI = peer("cai");
    private static final List<PeerAddress> CAI_AT = List.of(new PeerAddress("192.168.1.30", 22070));

    /** Each side of a stream on a thread of its own, as in a node (the common pool may have one thread only). */
    private static final Executor OWN_THREAD = work -> Thread.ofPlatform().daemon().start(work);

    @TempDir
    Path home;

    private DataDirectory data;
    private H2Storage storage;
    private PeerId ben;
    private IntroductionHandler handler;
    private IntroductionBook book;
    private final List<Event> told = new CopyOnWriteArrayList<>();

    @BeforeEach
    void benKnowsAnaAndDan() throws Exception {
        data = DataDirectory.open(home.resolve("ben"));
        storage = new H2Storage(data);
        StoredPeerDirectory directory = new StoredPeerDirectory(storage, peer -> { }, Clock.systemUTC());
        directory.remember(ANA, "Ana", Optional.empty());
        directory.remember(DAN, "Dan", Optional.empty());
        LocalIdentity identity = LocalIdentity.inFolder(home.resolve("ben-identity"));
        ben = identity.peerId();
        handler = new IntroductionHandler(directory, identity, storage, events());
        book = new IntroductionBook(storage, Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        storage.close();
        data.close();
    }

    @Test
    void aPeerNotKnownWaitsForTheAnswerOnceHoweverOftenIntroducedAndAcceptingItEndsEveryIntroductionOfIt() throws Exception {
        assertEquals(List.of(IntroductionBook.Outcome.TAKEN, IntroductionBook.Outcome.ALREADY_KNOWN, IntroductionBook.Outcome.ALREADY_KNOWN),
                introduce(ANA, described(CAI, "Cai"), described(ben, "Ben"), described(DAN, "Dan")));
        assertEquals(List.of(IntroductionBook.Outcome.TAKEN), introduce(ANA, described(CAI, "Cai at home")));
        List<Introduction> waiting = book.waiting();
        assertEquals(1, waiting.size(), "ana's second word on cai replaces her first: " + waiting);
        assertEquals(List.of(ANA, CAI, "Cai at home", CAI_AT), List.of(waiting.get(0).introducer(), waiting.get(0).peer(),
                waiting.get(0).name(), waiting.get(0).addresses()));
        assertEquals(2, told.stream().filter(event -> event.getTopic().equals(TransportTopics.INTRODUCTIONS_CHANGED)).count(),
                "each introduction taken is told; those not taken are not");

        introduce(DAN, described(CAI, "Cai"));
        assertEquals(2, book.waiting().size(), "dan introduced cai too");
        assertEquals(Optional.of(CAI), book.take(waiting.get(0).id()).map(Introduction::peer));
        assertEquals(List.of(), book.waiting(), "cai, added, is no longer introduced by anyone");
        assertEquals(Optional.empty(), book.take(waiting.get(0).id()), "an introduction answered is not there to answer again");
    }

    @Test
    void declineEndsThatIntroductionAlone() throws Exception {
        introduce(ANA, described(CAI, "Cai"));
        introduce(DAN, described(CAI, "Cai"));
        long anas = book.waiting().get(0).id();
        assertEquals(Optional.of(ANA), book.decline(anas).map(Introduction::introducer));
        assertEquals(List.of(DAN), book.waiting().stream().map(Introduction::introducer).toList());
    }

    @Test
    void oneIntroducerCannotFillTheList() throws Exception {
        List<IntroductionWire.Described> many = new ArrayList<>();
        for (int i = 0; i <= IntroductionBook.MOST_WAITING_PER_INTRODUCER; i++) {
            many.add(described(peer("stranger " + i), "Stranger " + i));
        }
        List<IntroductionBook.Outcome> outcomes = introduce(ANA, many.toArray(IntroductionWire.Described[]::new));
        assertEquals(IntroductionBook.Outcome.TAKEN, outcomes.get(IntroductionBook.MOST_WAITING_PER_INTRODUCER - 1));
        assertEquals(IntroductionBook.Outcome.TOO_MANY, outcomes.get(IntroductionBook.MOST_WAITING_PER_INTRODUCER));
        assertEquals(List.of(IntroductionBook.Outcome.TAKEN), introduce(ANA, described(peer("stranger 0"), "Stranger 0, again")),
                "a word on one already waiting still replaces it");
        assertEquals(List.of(IntroductionBook.Outcome.TAKEN), introduce(DAN, described(CAI, "Cai")), "others' introductions are still taken");
    }

    /**
     * Ana's node tells Ben of Cai on each connection that comes up, and when both dial at once two come up together:
     * the same introduction then arrives on two streams at once, and is still one, under the first number it got.
     */
    @Test
    void theSameIntroductionOnTwoStreamsAtOnceIsOneUnderOneNumber() throws Exception {
        for (int round = 0; round < 20; round++) {
            CompletableFuture<List<IntroductionBook.Outcome>> other = CompletableFuture.supplyAsync(() -> {
                try {
                    return introduce(ANA, described(CAI, "Cai"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, OWN_THREAD);
            assertEquals(List.of(IntroductionBook.Outcome.TAKEN), introduce(ANA, described(CAI, "Cai")));
            assertEquals(List.of(IntroductionBook.Outcome.TAKEN), other.get(30, TimeUnit.SECONDS));
            List<Introduction> waiting = book.waiting();
            assertEquals(1, waiting.size(), "round " + round + ": " + waiting);
            book.take(waiting.get(0).id());
        }
    }

    /** Sends {@code introduced} from {@code introducer} over one stream, as its node does; returns the answers. */
    private List<IntroductionBook.Outcome> introduce(PeerId introducer, IntroductionWire.Described... introduced) throws Exception {
        PipeStream[] ends = PipeStream.pair(introducer, ben, IntroductionWire.ID);
        CompletableFuture<Void> handled = CompletableFuture.runAsync(() -> {
            try (PipeStream stream = ends[1]) {
                handler.handle(stream);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, OWN_THREAD);
        List<IntroductionBook.Outcome> outcomes = new ArrayList<>();
        try (PipeStream stream = ends[0]) {
            DataOutputStream out = new DataOutputStream(stream.output());
            DataInputStream in = new DataInputStream(stream.input());
            for (IntroductionWire.Described described : introduced) {
                IntroductionWire.write(out, described);
                outcomes.add(IntroductionWire.readOutcome(in));
            }
            out.close();
            handled.get(30, TimeUnit.SECONDS);
        }
        return outcomes;
    }

    private static IntroductionWire.Described described(PeerId peer, String name) {
        return new IntroductionWire.Described(peer, name, peer.equals(CAI) ? CAI_AT : List.of());
    }

    private static PeerId peer(String name) {
        return PeerId.ofPublicKey(name.getBytes(StandardCharsets.UTF_8));
    }

    private EventAdmin events() {
        return new EventAdmin() {
            @Override
            public void postEvent(Event event) {
                told.add(event);
            }

            @Override
            public void sendEvent(Event event) {
                told.add(event);
            }
        };
    }
}
