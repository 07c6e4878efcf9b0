package org.peerdesk.messaging.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import org.peerdesk.core.PeerId;
import org.peerdesk.core.Sentences;
import org.peerdesk.messaging.core.Envelope.Members;

/** The line a group's history shows when its members change: "Alice created "Team" with Bob and Carol". */
final class MemberNotes {

    private MemberNotes() {
    }

    /** The line for {@code members}, the new list from {@code author}, where {@code before} was the list. */
    static String describe(PeerId author, Collection<PeerId> before, Members members, Function<PeerId, String> names) {
        if (members.leaver().isPresent() && before.contains(members.leaver().get())) {
            return names.apply(members.leaver().get()) + " left";
        }
        return describe(author, members.title(), before, members.members(), names);
    }

    private static String describe(PeerId author, String title, Collection<PeerId> before, Collection<PeerId> after,
            Function<PeerId, String> names) {
        String who = names.apply(author);
        if (before.isEmpty()) {
            return who + " created \"" + title + "\" with " + list(after.stream().filter(peer -> !peer.equals(author)).toList(), names);
        }
        List<PeerId> added = new ArrayList<>(after);
        added.removeAll(before);
        List<PeerId> removed = new ArrayList<>(before);
        removed.removeAll(after);
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + list(added, names));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + list(removed, names));
        }
        if (parts.isEmpty()) {
            parts.add("named the group \"" + title + "\"");
        }
        return who + " " + String.join(" and ", parts);
    }

    /** Names in alphabetical order, "you" last: "Bob, Carol and you". */
    private static String list(List<PeerId> peers, Function<PeerId, String> names) {
        List<String> named = peers.stream().map(names)
                .sorted(Comparator.comparing((String name) -> name.equals("you")).thenComparing(String.CASE_INSENSITIVE_ORDER)).toList();
        return Sentences.listed(named);
    }
}
