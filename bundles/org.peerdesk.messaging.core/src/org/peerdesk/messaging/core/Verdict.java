package org.peerdesk.messaging.core;

import org.peerdesk.messaging.ConversationId;

/**
 * A receiver's answer to one envelope: stored (or already had it), refused for good with a reason,
 * or not yet (send it again later, for instance when the group it belongs to is still unknown here).
 */
record Verdict(Kind kind, String reason) {

    enum Kind {
        STORED, REFUSED, LATER
    }

    static final Verdict STORED = new Verdict(Kind.STORED, "");

    static Verdict refused(String reason) {
        return new Verdict(Kind.REFUSED, reason);
    }

    static Verdict later(String reason) {
        return new Verdict(Kind.LATER, reason);
    }

    /** "Not yet": the conversation, a group, is not known here (see {@link GroupLists}). */
    static Verdict unknown(ConversationId conversation) {
        return later("this node does not know conversation " + conversation + " yet");
    }
}
