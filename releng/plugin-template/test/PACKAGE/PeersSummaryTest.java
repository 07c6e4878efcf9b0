package @PACKAGE@;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PeersSummaryTest {

    @Test
    void aNodeWithoutPeersIsToldHowToConnectOne() {
        assertTrue(PeersSummary.of(0, List.of()).startsWith("This node knows no peers yet: make an invite"));
    }

    @Test
    void countsThePeersAndNamesThoseOnlineInOrder() {
        assertEquals("This node knows 1 peer; none is online now.", PeersSummary.of(1, List.of()));
        assertEquals("This node knows 3 peers; 2 are online now: ana, Ben.", PeersSummary.of(3, List.of("Ben", "ana")));
    }
}
