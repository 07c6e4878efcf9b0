package org.peerdesk.transport.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.transport.PublicAddresses;
import org.peerdesk.transport.TransportException;

/** The public addresses in a real database: in the user's order, kept across restarts, never more than an invite holds. */
class StoredPublicAddressesTest {

    private static final PeerAddress HOME = new PeerAddress("home.example.net", 22070);
    private static final PeerAddress ROUTER = new PeerAddress("2001:db8::7", 22070);

    @TempDir
    Path home;

    @Test
    void addressesKeepTheirOrderAcrossARestartAndBadListsChangeNothing() throws Exception {
        List<List<PeerAddress>> told = new ArrayList<>();
        try (DataDirectory directory = DataDirectory.open(home); H2Storage storage = new H2Storage(directory)) {
            StoredPublicAddresses addresses = new StoredPublicAddresses(storage, told::add);
            assertEquals(List.of(), addresses.addresses());
            addresses.setAddresses(List.of(ROUTER, HOME));
        }
        try (DataDirectory directory = DataDirectory.open(home); H2Storage storage = new H2Storage(directory)) {
            StoredPublicAddresses addresses = new StoredPublicAddresses(storage, told::add);
            assertEquals(List.of(ROUTER, HOME), addresses.addresses());
            TransportException twice = assertThrows(TransportException.class, () -> addresses.setAddresses(List.of(HOME, ROUTER, HOME)));
            assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
            List<PeerAddress> tooMany = java.util.stream.IntStream.rangeClosed(1, PublicAddresses.MAX + 1)
                    .mapToObj(port -> new PeerAddress("home.example.net", port)).toList();
            TransportException many = assertThrows(TransportException.class, () -> addresses.setAddresses(tooMany));
            assertTrue(many.getMessage().startsWith("At most " + PublicAddresses.MAX), many.getMessage());
            assertEquals(List.of(ROUTER, HOME), addresses.addresses(), "a list refused changes nothing");
            assertEquals(List.of(List.of(ROUTER, HOME)), told, "each change is told once, and a list refused not at all");
            addresses.setAddresses(List.of());
            assertEquals(List.of(), addresses.addresses());
            assertEquals(List.of(), told.getLast());
        }
    }
}
