package org.peerdesk.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.osgi.annotation.versioning.ProviderType;
import org.peerdesk.core.PeerId;

/**
 * Where the peers connected directly to this node say they reach it: the address each would dial it back at. From a
 * peer on another network that is the router's public address with the port the node listens on. The node asks such a
 * peer to dial it back there: where that gets through (a port forwarded by hand, a server's public address in front of
 * its private one), peers elsewhere can dial it too, and invites name it; where it does not, forwarding that port to
 * this node by hand is what makes it public.
 */
@ProviderType
public interface SeenAddresses {

    /** What a dial back to an address where a peer sees this node found. */
    enum Check {
        /** Not asked (yet): an address on this node's own network needs no asking. */
        NOT_CHECKED,
        /** The peer dialed this node there and it answered: peers elsewhere can dial it there too. */
        TAKES_CONNECTIONS,
        /** The peer's dial there did not get through: nothing forwards that port to this node. */
        NO_ANSWER
    }

    /** The peer {@code by}, known as {@code name}, reaches this node at {@code at}; a dial back there found {@code check}. */
    record Seen(PeerId by, String name, PeerAddress at, Check check) {

        public Seen {
            Objects.requireNonNull(by, "by");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(check, "check");
        }
    }

    /** What each peer connected directly said when they last exchanged addresses, by name. */
    List<Seen> seen();

    /**
     * Where peers reach this node as the user reads it: each address once, with the names of the peers that said it and
     * what a dial back there found; empty when none said.
     */
    static String described(List<Seen> seen) {
        Map<PeerAddress, List<Seen>> byAddress = seen.stream().collect(Collectors.groupingBy(Seen::at, LinkedHashMap::new, Collectors.toList()));
        return byAddress.values().stream().map(same -> same.get(0).at().shown() + " ("
                + same.stream().map(Seen::name).collect(Collectors.joining(", ")) + switch (same.get(0).check()) {
                    case TAKES_CONNECTIONS -> "; a dial back there got through: peers elsewhere can dial it there too, and invites name it";
                    case NO_ANSWER -> "; a dial back there did not get through: forwarding that port of the router to this"
                            + " computer would make it public";
                    case NOT_CHECKED -> "";
                } + ")").collect(Collectors.joining(", "));
    }

    /** The addresses peers see this node at that a dial back got through to, each once: where peers elsewhere can dial it. */
    default List<PeerAddress> takingConnections() {
        return seen().stream().filter(each -> each.check() == Check.TAKES_CONNECTIONS).map(Seen::at).distinct().toList();
    }
}
