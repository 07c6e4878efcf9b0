package org.peerdesk.transport.core;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.transport.PeerAddress;

/** Peer addresses in one text column, separated by spaces, in their order. */
final class AddressColumn {

    private AddressColumn() {
    }

    static String write(List<PeerAddress> addresses) {
        return addresses.stream().map(PeerAddress::toString).collect(Collectors.joining(" "));
    }

    /** The addresses in {@code written}; none for null or blank. */
    static List<PeerAddress> read(String written) throws SQLException {
        List<PeerAddress> addresses = new ArrayList<>();
        for (String one : written == null || written.isBlank() ? new String[0] : written.strip().split(" +")) {
            try {
                addresses.add(PeerAddress.parse(one));
            } catch (InvalidInputException e) {
                throw new SQLException("a stored address does not read: " + one, e);
            }
        }
        return addresses;
    }
}
