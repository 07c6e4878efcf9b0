package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.peerdesk.transport.PeerAddress;

/** How an address reads to people: IPv6 in its short form (RFC 5952), everything else as it is. */
class PeerAddressTest {

    @Test
    void anIpv6AddressIsShownShort() {
        assertEquals("[fd00::2]:22070", new PeerAddress("fd00:0:0:0:0:0:0:2", 22070).shown());
        assertEquals("[::1]:22070", new PeerAddress("0:0:0:0:0:0:0:1", 22070).shown());
        assertEquals("[::]:22070", new PeerAddress("0:0:0:0:0:0:0:0", 22070).shown());
        assertEquals("[2001:db8::1:0:0:1]:1", new PeerAddress("2001:0DB8:0:0:1:0:0:1", 1).shown(), "the first of two equal runs, lower case");
        assertEquals("[2001:db8:0:1:1:1:1:1]:1", new PeerAddress("2001:db8:0:1:1:1:1:1", 1).shown(), "one zero group stays");
        assertEquals("[fe80::1]:1", new PeerAddress("fe80::1", 1).shown(), "short already");
        assertEquals("[fd00:0:0:0:0:0:0:2]:22070", new PeerAddress("fd00:0:0:0:0:0:0:2", 22070).toString(), "toString keeps the host as given");
    }

    @Test
    void otherHostsAreShownAsGiven() {
        assertEquals("127.0.0.1:22070", new PeerAddress("127.0.0.1", 22070).shown());
        assertEquals("ana.local:22071", new PeerAddress("ana.local", 22071).shown());
    }
}
