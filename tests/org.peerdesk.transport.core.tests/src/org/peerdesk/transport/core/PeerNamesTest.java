package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerNames;

/** Which known peers a user means by a name, an ID, the start of either, or the start of a word in a name. */
class PeerNamesTest {

    private static final KnownPeer BEN = peer("ben", "Ben's desktop");
    private static final KnownPeer BENS_LAPTOP = peer("ben2", "Ben's laptop");
    private static final KnownPeer OFFICE = peer("office", "Office");
    private static final KnownPeer OFFICE_NODE = peer("office-node", "Office node");
    private static final List<KnownPeer> KNOWN = List.of(BEN, BENS_LAPTOP, OFFICE, OFFICE_NODE);

    @Test
    void aWholeNameInAnyCaseWinsOverLongerNamesItStarts() {
        assertEquals(List.of(OFFICE), PeerNames.matching("  office ", KNOWN));
        assertEquals(List.of(BEN), PeerNames.matching("BEN'S DESKTOP", KNOWN));
    }

    @Test
    void theStartOfANameIsEnoughWhenOnlyOnePeerFits() {
        assertEquals(List.of(BENS_LAPTOP), PeerNames.matching("ben's l", KNOWN));
        assertEquals(List.of(OFFICE_NODE), PeerNames.matching("Office n", KNOWN));
        assertEquals(List.of(BEN, BENS_LAPTOP), PeerNames.matching("ben", KNOWN), "both are offered, neither taken");
    }

    @Test
    void theStartOfAWordInANameServesWhenNoNameStartsSo() {
        KnownPeer defaultNamed = peer("vm", "root on vm (office)");
        List<KnownPeer> known = List.of(BEN, BENS_LAPTOP, defaultNamed);
        assertEquals(List.of(defaultNamed), PeerNames.matching("office", known));
        assertEquals(List.of(defaultNamed), PeerNames.matching("VM (off", known));
        assertEquals(List.of(BEN), PeerNames.matching("desk", known));
        assertEquals(List.of(), PeerNames.matching("ffice", known), "the middle of a word is no word's start");
        assertEquals(List.of(OFFICE, OFFICE_NODE), PeerNames.matching("offi", List.of(OFFICE, OFFICE_NODE, defaultNamed)),
                "names that start so come before names with a word that does");
    }

    @Test
    void theStartOfAnIdCountsFromFourCharactersWithOrWithoutDashes() {
        String id = OFFICE.id().toString();
        assertEquals(List.of(OFFICE), PeerNames.matching(id.substring(0, 10).toLowerCase(), KNOWN));
        assertEquals(List.of(OFFICE), PeerNames.matching(id.replace("-", "").substring(0, 9), KNOWN));
        assertFalse(PeerNames.matching(id.substring(0, 3), KNOWN).contains(OFFICE), "three characters do not pick a peer by its ID");
        assertTrue(PeerNames.startsId(OFFICE.id(), " " + id.substring(0, 4).toLowerCase() + " "), "a stranger's, too, as typed");
        assertFalse(PeerNames.startsId(OFFICE.id(), id.substring(0, 3)));
    }

    @Test
    void nothingTypedOrNothingKnownMatchesNothing() {
        assertEquals(List.of(), PeerNames.matching("   ", KNOWN));
        assertEquals(List.of(), PeerNames.matching("carla", KNOWN));
        assertEquals(List.of(), PeerNames.matching("ben", List.of()));
    }

    private static KnownPeer peer(String key, String name) {
        return new KnownPeer(PeerId.ofPublicKey(key.getBytes(StandardCharsets.UTF_8)), name, Optional.empty(), Instant.EPOCH,
                Optional.empty(), List.of());
    }
}
