package org.peerdesk.messaging.ui;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.Counts;
import org.peerdesk.core.Elapsed;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.Sentences;
import org.peerdesk.messaging.HeldMail;
import org.peerdesk.messaging.MailboxStatus;

/** The mailbox's status in the Settings dialog's words: whether it serves this computer, and what waits here for others. */
final class MailboxWords {

    private MailboxWords() {
    }

    /** "Office is online; asked for mail 2 min ago; mail last came through it 2 h ago (3 pieces of mail)." */
    static String serving(MailboxStatus status, String name, Optional<Instant> lastSeen, Instant now) {
        String state = status.online() ? "online" : lastSeen.map(seen -> "offline (seen " + Elapsed.since(seen, now) + ")").orElse("offline");
        String checked = status.checked().map(when -> "asked for mail " + Elapsed.since(when, now)).orElse("not asked for mail yet");
        String lastMail = status.lastMail()
                .map(when -> "mail last came through it " + Elapsed.since(when, now) + " (" + Counts.of(status.lastMailCount(), "piece") + " of mail)")
                .orElse("no mail has come through it yet");
        return name + " is " + state + "; " + checked + "; " + lastMail + ".";
    }

    /** "This computer is the mailbox of Ben (3 pieces of mail waiting, 12.0 KiB, the oldest from 2 h ago) and Cai (nothing waiting)." */
    static Optional<String> holding(List<HeldMail> held, Function<PeerId, String> names, Instant now) {
        if (held.isEmpty()) {
            return Optional.empty();
        }
        List<String> each = held.stream().map(mail -> names.apply(mail.recipient()) + " (" + waiting(mail, now) + ")").toList();
        return Optional.of("This computer is the mailbox of " + Sentences.listed(each) + ".");
    }

    private static String waiting(HeldMail mail, Instant now) {
        if (mail.pieces() == 0) {
            return "nothing waiting";
        }
        return Counts.of(mail.pieces(), "piece") + " of mail waiting, " + ByteSizes.format(mail.bytes())
                + mail.oldest().map(oldest -> ", the oldest from " + Elapsed.since(oldest, now)).orElse("");
    }
}
