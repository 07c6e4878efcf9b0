package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.SeenAddresses;
import org.peerdesk.transport.SeenAddresses.Check;
import org.peerdesk.transport.SeenAddresses.Seen;

/** What the CLI, the API and the desktop say about where peers reach this node. */
class SeenAddressesTest {

    private static final PeerAddress ROUTER = new PeerAddress("198.51.100.4", 22070);
    private static final PeerAddress LAN = new PeerAddress("192.168.1.20", 22070);

    @Test
    void eachAddressIsSaidOnceWithThePeersThatSeeTheNodeThereAndWhatTheDialBackFound() {
        List<Seen> seen = List.of(new Seen(peer("ana"), "Ana", ROUTER, Check.NO_ANSWER), new Seen(peer("cai"), "Cai", LAN, Check.NOT_CHECKED),
                new Seen(peer("ben"), "Ben", ROUTER, Check.NO_ANSWER));
        assertEquals("198.51.100.4:22070 (Ana, Ben; a dial back there did not get through: forwarding that port of the router to"
                + " this computer would make it public), 192.168.1.20:22070 (Cai)", SeenAddresses.described(seen));
        assertEquals("198.51.100.4:22070 (Ana; a dial back there got through: peers elsewhere can dial it there too, and invites name it)",
                SeenAddresses.described(List.of(new Seen(peer("ana"), "Ana", ROUTER, Check.TAKES_CONNECTIONS))));
        assertEquals("", SeenAddresses.described(List.of()));
    }

    private static PeerId peer(String name) {
        return PeerId.ofPublicKey(name.getBytes(StandardCharsets.UTF_8));
    }
}
