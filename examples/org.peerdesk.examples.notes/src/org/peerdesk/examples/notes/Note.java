package org.peerdesk.examples.notes;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;

/**
 * A shared note as its owner describes it: its ID, title, owner and the peers who may edit it ({@code members}, the owner
 * among them), with the names the owner knows them by (for members who do not know each other). Only the owner changes
 * this; {@code clock} orders its changes, and a node keeps the newest.
 */
record Note(String id, String title, PeerId owner, List<PeerId> members, Map<PeerId, String> names, long clock) {

    static final int ID_BYTES = 16;
    static final int MAX_TITLE_CHARS = 200;
    static final int MAX_MEMBERS = 64;
    static final int MAX_NAME_CHARS = 60;
    private static final SecureRandom RANDOM = new SecureRandom();

    Note {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(owner, "owner");
        members = List.copyOf(members);
        Map<PeerId, String> cut = new LinkedHashMap<>();
        names.forEach((peer, name) -> cut.put(peer, name.length() > MAX_NAME_CHARS ? name.substring(0, MAX_NAME_CHARS) : name));
        names = Collections.unmodifiableMap(cut);
    }

    static String newId() {
        byte[] id = new byte[ID_BYTES];
        RANDOM.nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** The title as given, stripped, or why it cannot be one. */
    static String checkedTitle(String title) throws InvalidInputException {
        String stripped = title == null ? "" : title.strip();
        if (stripped.isEmpty()) {
            throw new InvalidInputException("A note needs a title.");
        }
        if (stripped.length() > MAX_TITLE_CHARS || stripped.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("A note's title is one line of at most " + MAX_TITLE_CHARS + " characters.");
        }
        return stripped;
    }

    boolean isMember(PeerId peer) {
        return members.contains(peer);
    }

    /** The members but {@code self}: whom this node keeps the note in step with. */
    List<PeerId> others(PeerId self) {
        return members.stream().filter(member -> !member.equals(self)).toList();
    }

    Note withMembers(List<PeerId> newMembers, Map<PeerId, String> newNames, long newClock) {
        return new Note(id, title, owner, newMembers, newNames, newClock);
    }

    /** The name the owner knows a member by, where it gave one; else the short form of its ID. */
    String nameOf(PeerId member) {
        return names.getOrDefault(member, member.shortForm());
    }

    /** The first 8 hex digits of the ID, which name the note where its title does not. */
    String shortId() {
        return id.substring(0, 8);
    }
}
