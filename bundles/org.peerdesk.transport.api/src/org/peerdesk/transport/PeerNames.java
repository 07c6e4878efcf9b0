package org.peerdesk.transport;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;

/**
 * Which known peers a user means by what they typed: a peer called exactly that (ignoring case) is
 * meant before any other; failing that, every peer whose name or ID starts with it (an ID from four
 * characters on, so that a short word does not pick a peer by chance); failing that, every peer
 * with a word in its name that starts with it ({@code office} for "root on vm (office)", the name
 * a node has until its user picks one).
 */
public final class PeerNames {

    private static final int SHORTEST_ID_START = 4;

    private PeerNames() {
    }

    /** The peers {@code text} names: one when it is clear, several when it is not, none when nothing fits. */
    public static List<KnownPeer> matching(String text, List<KnownPeer> known) {
        String typed = text.strip().toLowerCase(Locale.ROOT);
        List<KnownPeer> exact = known.stream().filter(peer -> peer.name().toLowerCase(Locale.ROOT).equals(typed)).toList();
        if (!exact.isEmpty() || typed.isEmpty()) {
            return exact;
        }
        List<KnownPeer> starting = known.stream()
                .filter(peer -> peer.name().toLowerCase(Locale.ROOT).startsWith(typed) || startsId(peer.id(), typed))
                .toList();
        if (!starting.isEmpty()) {
            return starting;
        }
        return known.stream().filter(peer -> startsAWord(peer.name().toLowerCase(Locale.ROOT), typed)).toList();
    }

    /**
     * The one peer {@code text} names: its full ID (known or not), or the one known peer it names.
     *
     * @throws InvalidInputException when it names none, or several (the message lists them)
     */
    public static PeerId one(String text, List<KnownPeer> known) throws InvalidInputException {
        String typed = text.strip();
        try {
            return PeerId.parse(typed);
        } catch (InvalidInputException notAnId) {
            List<KnownPeer> matches = matching(typed, known);
            if (matches.size() == 1) {
                return matches.get(0).id();
            }
            throw new InvalidInputException(matches.isEmpty() ? "'" + typed + "' is neither a peer ID nor a known peer's name."
                    : "'" + typed + "' could be " + matches.stream().map(peer -> peer.name() + " (" + peer.id().shortForm() + ")")
                            .collect(Collectors.joining(", ")) + "; give more of the name, or the peer ID.");
        }
    }

    /** Whether {@code typed} is the start of {@code id} (dashes and case aside), long enough not to pick a peer by chance. */
    public static boolean startsId(PeerId id, String typed) {
        String idStart = typed.strip().replace("-", "").toUpperCase(Locale.ROOT);
        return idStart.length() >= SHORTEST_ID_START && id.toString().replace("-", "").startsWith(idStart);
    }

    /** Whether {@code typed} occurs in {@code name} at the start of a word. */
    private static boolean startsAWord(String name, String typed) {
        for (int at = name.indexOf(typed); at >= 0; at = name.indexOf(typed, at + 1)) {
            if (at == 0 || !Character.isLetterOrDigit(name.charAt(at - 1))) {
                return true;
            }
        }
        return false;
    }
}
