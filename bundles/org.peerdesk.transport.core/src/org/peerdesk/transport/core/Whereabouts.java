package org.peerdesk.transport.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;

/**
 * Known peers telling each other where peers they both know were last reached: a laptop that moved
 * to another network reconnects to the always-on node whose address did not change, and its other
 * peers, which no longer reach it where they knew it, learn its new address from that node. A node
 * answers only a peer it trusts, only about peers the asker names by ID (nothing can be listed), and
 * only with what it saw itself; what it answers is a hint, since a connection still has to prove the
 * peer's ID.
 *
 * <p>On the wire: the question is a count and that many peer IDs; the answer a count and, for each
 * peer the node knows of those asked, its ID, host, port and when it was last reached (milliseconds).
 */
final class Whereabouts {

    static final String PROTOCOL_ID = "/peerdesk/whereabouts/1";
    static final int MAX_ASKED = 256;

    /** Where a peer was last reached, as the answering node saw it. */
    record Sighting(PeerId peer, PeerAddress address, Instant seen) {
    }

    private Whereabouts() {
    }

    static void writeQuestion(DataOutputStream out, List<PeerId> asked) throws IOException {
        List<PeerId> kept = asked.subList(0, Math.min(asked.size(), MAX_ASKED));
        out.writeShort(kept.size());
        for (PeerId peer : kept) {
            out.write(peer.bytes());
        }
        out.flush();
    }

    static List<PeerId> readQuestion(DataInputStream in) throws IOException, InvalidInputException {
        int count = in.readUnsignedShort();
        if (count > MAX_ASKED) {
            throw new InvalidInputException("a question about " + count + " peers; at most " + MAX_ASKED + " are answered");
        }
        List<PeerId> asked = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            asked.add(readPeer(in));
        }
        return asked;
    }

    /** What this node saw of the peers asked about: those it knows and has reached, never the asker itself. */
    static List<Sighting> answer(PeerId asker, List<PeerId> asked, List<KnownPeer> known) {
        Set<PeerId> wanted = new HashSet<>(asked);
        wanted.remove(asker);
        return known.stream()
                .filter(peer -> wanted.contains(peer.id()) && peer.address().isPresent() && peer.lastSeen().isPresent())
                .map(peer -> new Sighting(peer.id(), peer.address().get(), peer.lastSeen().get()))
                .toList();
    }

    static void writeAnswer(DataOutputStream out, List<Sighting> sightings) throws IOException {
        out.writeShort(sightings.size());
        for (Sighting sighting : sightings) {
            out.write(sighting.peer().bytes());
            out.writeUTF(sighting.address().host());
            out.writeShort(sighting.address().port());
            out.writeLong(sighting.seen().toEpochMilli());
        }
        out.flush();
    }

    /** The answer to a question about {@code asked}; a sighting of a peer not asked about is refused as a damaged answer. */
    static List<Sighting> readAnswer(DataInputStream in, List<PeerId> asked) throws IOException, InvalidInputException {
        int count = in.readUnsignedShort();
        if (count > asked.size()) {
            throw new InvalidInputException("an answer about " + count + " peers to a question about " + asked.size());
        }
        List<Sighting> sightings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            PeerId peer = readPeer(in);
            if (!asked.contains(peer)) {
                throw new InvalidInputException("an answer about a peer that was not asked about: " + peer.shortForm());
            }
            String host = in.readUTF();
            int port = in.readUnsignedShort();
            long seen = in.readLong();
            try {
                sightings.add(new Sighting(peer, new PeerAddress(host, port), Instant.ofEpochMilli(seen)));
            } catch (IllegalArgumentException | java.time.DateTimeException e) {
                throw new InvalidInputException("a damaged sighting of " + peer.shortForm() + ": " + e.getMessage());
            }
        }
        return sightings;
    }

    /**
     * The address to try for {@code known} from a sighting a peer reached at {@code helper} gave: one
     * this node does not already try, seen later than this node last reached the peer. A loopback
     * address helps only when the helper itself is on this machine.
     */
    static Optional<PeerAddress> worthDialing(KnownPeer known, Sighting sighting, PeerAddress helper) {
        if (known.address().equals(Optional.of(sighting.address()))
                || known.lastSeen().isPresent() && !sighting.seen().isAfter(known.lastSeen().get())) {
            return Optional.empty();
        }
        if (loopback(sighting.address()) && !loopback(helper)) {
            return Optional.empty();
        }
        return Optional.of(sighting.address());
    }

    private static boolean loopback(PeerAddress address) {
        byte[] literal = AddressCodec.literal(address.host());
        try {
            return literal != null && InetAddress.getByAddress(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static PeerId readPeer(DataInputStream in) throws IOException {
        byte[] id = new byte[PeerId.LENGTH];
        in.readFully(id);
        return new PeerId(id);
    }
}
