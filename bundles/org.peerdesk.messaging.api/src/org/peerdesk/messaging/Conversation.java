package org.peerdesk.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * A conversation as this node sees it: its members (this node included), how many messages from
 * others are still unread (and how many of those mention the user), the newest message, whether the user muted it here (its messages arrive and count as
 * unread in it, without telling the user as they come), what the user was writing there and did not send, and how long
 * after they are written its messages now last on every member's node ({@link Duration#ZERO}: they are kept). A direct
 * conversation has no title; show the other peer's name instead.
 */
public record Conversation(ConversationId id, Kind kind, String title, PeerId creator, List<PeerId> members, int unread,
        int unreadMentions, Optional<Message> last, boolean muted, Draft draft, Duration disappearAfter) {

    /** Two peers, or a named group that its creator manages. */
    public enum Kind {
        DIRECT, GROUP;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(creator, "creator");
        members = List.copyOf(members);
        Objects.requireNonNull(last, "last");
        Objects.requireNonNull(draft, "draft");
        Objects.requireNonNull(disappearAfter, "disappearAfter");
    }

    /** The members other than {@code self}: who a message to this conversation goes to. */
    public List<PeerId> others(PeerId self) {
        return members.stream().filter(member -> !member.equals(self)).toList();
    }
}
