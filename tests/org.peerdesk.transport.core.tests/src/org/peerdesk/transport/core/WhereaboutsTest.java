package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.testing.WireFuzz;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;

/** Known peers telling each other where peers they both know were seen: what is answered, what is read, what is dialed. */
class WhereaboutsTest {

    private static final Instant MONDAY = Instant.parse("2026-11-30T09:00:00Z");
    private static final Instant TUESDAY = MONDAY.plusSeconds(86_400);
    private static final PeerId ANA = peer("ana");
    private static final PeerId BEN = peer("ben");
    private static final PeerId CAI = peer("cai");
    private static final PeerId DANA = peer("dana");
    private static final PeerAddress OLD = new PeerAddress("192.168.1.20", 22070);
    private static final PeerAddress NEW = new PeerAddress("203.0.113.7", 22070);
    private static final PeerAddress HELPER = new PeerAddress("198.51.100.1", 22070);

    private static PeerId peer(String name) {
        return PeerId.ofPublicKey(name.getBytes(StandardCharsets.UTF_8));
    }

    private static KnownPeer known(PeerId id, Optional<PeerAddress> address, Optional<Instant> lastSeen) {
        return new KnownPeer(id, id.shortForm(), address, MONDAY.minusSeconds(3600), lastSeen, List.of());
    }

    @Test
    void aNodeAnswersOnlyAboutPeersItKnowsAndHasReachedAndNeverAboutTheAsker() {
        List<KnownPeer> known = List.of(known(ANA, Optional.of(NEW), Optional.of(TUESDAY)),
                known(BEN, Optional.of(OLD), Optional.of(MONDAY)), known(CAI, Optional.of(OLD), Optional.empty()));

        List<Whereabouts.Sighting> answer = Whereabouts.answer(BEN, List.of(ANA, BEN, CAI, DANA), known);

        assertEquals(List.of(new Whereabouts.Sighting(ANA, NEW, TUESDAY)), answer,
                "ben himself is not told, cai was never reached, dana is not known here");
    }

    @Test
    void questionAndAnswerCrossTheWireAndAnAnswerAboutAnyoneElseIsRefused() throws Exception {
        List<PeerId> asked = List.of(ANA, CAI);
        byte[] question = WireFuzz.bytes(out -> Whereabouts.writeQuestion(out, asked));
        assertEquals(asked, Whereabouts.readQuestion(WireFuzz.data(question)));

        List<Whereabouts.Sighting> sightings = List.of(new Whereabouts.Sighting(ANA, NEW, TUESDAY),
                new Whereabouts.Sighting(CAI, new PeerAddress("fd00:0:0:0:0:0:0:2", 22071), MONDAY));
        byte[] answer = WireFuzz.bytes(out -> Whereabouts.writeAnswer(out, sightings));
        assertEquals(sightings, Whereabouts.readAnswer(WireFuzz.data(answer), asked));

        InvalidInputException unasked = assertThrows(InvalidInputException.class, () -> Whereabouts.readAnswer(WireFuzz.data(answer), List.of(ANA)));
        assertTrue(unasked.getMessage().startsWith("an answer about 2 peers"), unasked.getMessage());
        assertThrows(InvalidInputException.class, () -> Whereabouts.readAnswer(WireFuzz.data(answer), List.of(ANA, DANA)));
        byte[] tooMany = WireFuzz.bytes(out -> {
            out.writeShort(Whereabouts.MAX_ASKED + 1);
            out.write(new byte[PeerId.LENGTH * (Whereabouts.MAX_ASKED + 1)]);
        });
        assertThrows(InvalidInputException.class, () -> Whereabouts.readQuestion(WireFuzz.data(tooMany)));
        byte[] badPort = WireFuzz.bytes(out -> {
            out.writeShort(1);
            out.write(ANA.bytes());
            out.writeUTF("203.0.113.7");
            out.writeShort(0);
            out.writeLong(TUESDAY.toEpochMilli());
        });
        assertThrows(InvalidInputException.class, () -> Whereabouts.readAnswer(WireFuzz.data(badPort), asked));
    }

    @Test
    void brokenQuestionsAndAnswersAreRefusedNeverThrownUnchecked() {
        List<PeerId> asked = List.of(ANA, BEN, CAI);
        byte[] question = WireFuzz.bytes(out -> Whereabouts.writeQuestion(out, asked));
        byte[] answer = WireFuzz.bytes(out -> Whereabouts.writeAnswer(out, List.of(new Whereabouts.Sighting(ANA, NEW, TUESDAY),
                new Whereabouts.Sighting(BEN, new PeerAddress("ben.example.org", 22070), MONDAY))));
        WireFuzz.check("a whereabouts question", List.of(question), input -> Whereabouts.readQuestion(WireFuzz.data(input)), 31, 20_000);
        WireFuzz.check("a whereabouts answer", List.of(answer), input -> Whereabouts.readAnswer(WireFuzz.data(input), asked), 32, 20_000);
    }

    @Test
    void onlyANewerSightingOfAnotherAddressIsDialed() {
        KnownPeer lastReachedMonday = known(ANA, Optional.of(OLD), Optional.of(MONDAY));

        assertEquals(Optional.of(NEW), Whereabouts.worthDialing(lastReachedMonday, new Whereabouts.Sighting(ANA, NEW, TUESDAY), HELPER));
        assertEquals(Optional.empty(), Whereabouts.worthDialing(lastReachedMonday, new Whereabouts.Sighting(ANA, NEW, MONDAY), HELPER),
                "seen there no later than this node reached it where it knows it");
        assertEquals(Optional.empty(), Whereabouts.worthDialing(lastReachedMonday, new Whereabouts.Sighting(ANA, OLD, TUESDAY), HELPER),
                "the address this node redials anyway");
        assertEquals(Optional.of(NEW), Whereabouts.worthDialing(known(ANA, Optional.empty(), Optional.empty()),
                new Whereabouts.Sighting(ANA, NEW, MONDAY), HELPER), "a peer never reached: any sighting helps");
    }

    @Test
    void aLoopbackSightingHelpsOnlyFromAHelperOnThisMachine() {
        KnownPeer ana = known(ANA, Optional.of(OLD), Optional.of(MONDAY));
        Whereabouts.Sighting onTheHelpersMachine = new Whereabouts.Sighting(ANA, new PeerAddress("127.0.0.1", 23001), TUESDAY);

        assertEquals(Optional.empty(), Whereabouts.worthDialing(ana, onTheHelpersMachine, HELPER));
        assertEquals(Optional.of(onTheHelpersMachine.address()),
                Whereabouts.worthDialing(ana, onTheHelpersMachine, new PeerAddress("127.0.0.1", 23002)));
        assertEquals(Optional.empty(), Whereabouts.worthDialing(ana, new Whereabouts.Sighting(ANA, new PeerAddress("0:0:0:0:0:0:0:1", 23001),
                TUESDAY), HELPER));
    }
}
