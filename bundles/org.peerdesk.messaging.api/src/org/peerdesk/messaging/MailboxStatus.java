package org.peerdesk.messaging;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * Whether this node's mailbox serves it (what it holds for others is {@link MessageService#heldMail()}).
 *
 * @param mailbox the peer chosen to hold this node's mail while it is off, if any
 * @param online whether that peer is connected now (mail is fetched from it only then)
 * @param checked when this node last asked it for mail and got an answer
 * @param lastMail when mail last came through it, and {@code lastMailCount} how much that fetch brought
 * @param problem why the last attempt to fetch failed, until one succeeds
 */
public record MailboxStatus(Optional<PeerId> mailbox, boolean online, Optional<Instant> checked, Optional<Instant> lastMail,
        int lastMailCount, Optional<String> problem) {

    public MailboxStatus {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(checked, "checked");
        Objects.requireNonNull(lastMail, "lastMail");
        Objects.requireNonNull(problem, "problem");
    }
}
