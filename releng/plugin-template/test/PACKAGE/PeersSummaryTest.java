package @PACKAGE@;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class PeersSummaryTest {

    @Test
    void aNodeWithoutPeersIsToldHowToConnectOne() {
        assertTrue(new PeersSummary(0, List.of()).text().startsWith("This node knows no peers yet: make an invite"));
    }

    @Test
    void countsThePeersAndNamesThoseOnlineInOrder() {
        assertEquals("This node knows 1 peer; none is online now.", new PeersSummary(1, List.of()).text());
        assertEquals("This node knows 3 peers; 2 are online now: ana, Ben.", new PeersSummary(3, List.of("Ben", "ana")).text());
    }
}
