package org.peerdesk.messaging.core;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.MessageService;
import org.peerdesk.storage.StorageException;

/**
 * Who is typing where. This node's user typing in a conversation tells its other members, at most
 * once every {@link #NOTICE_EVERY}; a member's notice counts for {@link #SHOWN_FOR}, or until its next
 * message arrives. Nothing of it is stored: a notice means nothing a few seconds later, so one that
 * cannot go out at once (the member is offline) is dropped.
 */
final class Typing {

    static final Duration NOTICE_EVERY = Duration.ofSeconds(MessageService.TYPING_NOTICE_SECONDS);
    static final Duration SHOWN_FOR = Duration.ofSeconds(MessageService.TYPING_SHOWN_SECONDS);

    private static final Logger LOG = System.getLogger(Typing.class.getName());

    /** A conversation's members, this node among them if it is one; empty if there is no such conversation here. */
    interface Members {
        Optional<List<PeerId>> of(ConversationId conversation) throws StorageException;
    }

    /** Sends one notice to a peer, if it can at once. */
    interface Notices {
        void tell(PeerId peer, ConversationId conversation);
    }

    /** Told of every change with who types now. */
    interface Changes {
        void typingChanged(ConversationId conversation, List<PeerId> typing);
    }

    private final PeerId self;
    private final Clock clock;
    private final Members members;
    private final Notices notices;
    private final Changes changes;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final Map<ConversationId, Instant> lastTold = new ConcurrentHashMap<>();
    /** Per conversation, each typing member and when its notice stops counting. */
    private final Map<ConversationId, Map<PeerId, Instant>> heard = new ConcurrentHashMap<>();

    Typing(PeerId self, Clock clock, Members members, Notices notices, Changes changes, Executor workers, ScheduledExecutorService timer) {
        this.self = self;
        this.clock = clock;
        this.members = members;
        this.notices = notices;
        this.changes = changes;
        this.workers = workers;
        this.timer = timer;
    }

    /** This node's user types in {@code conversation}: the others hear of it, unless they did a moment ago. Returns at once. */
    void typing(ConversationId conversation) {
        Instant now = clock.instant();
        boolean[] due = new boolean[1];
        lastTold.compute(conversation, (id, last) -> {
            due[0] = last == null || !now.isBefore(last.plus(NOTICE_EVERY));
            return due[0] ? now : last;
        });
        if (due[0]) {
            workers.execute(() -> tellOthers(conversation));
        }
    }

    private void tellOthers(ConversationId conversation) {
        try {
            members.of(conversation).filter(all -> all.contains(self)).ifPresent(all -> all.stream()
                    .filter(member -> !member.equals(self)).forEach(member -> notices.tell(member, conversation)));
        } catch (StorageException e) {
            LOG.log(Level.DEBUG, "No typing notice for {0}: {1}", conversation, e.getMessage());
        }
    }

    /** A notice from {@code peer}; ignored unless it is a member of the conversation here. */
    void heard(PeerId peer, ConversationId conversation) throws StorageException {
        if (!members.of(conversation).map(all -> all.contains(peer)).orElse(false)) {
            return;
        }
        Instant now = clock.instant();
        Instant[] before = new Instant[1];
        heard.compute(conversation, (id, typing) -> {
            Map<PeerId, Instant> typers = typing != null ? typing : new ConcurrentHashMap<>();
            before[0] = typers.put(peer, now.plus(SHOWN_FOR));
            return typers;
        });
        if (before[0] == null || !before[0].isAfter(now)) {
            changes.typingChanged(conversation, typingIn(conversation));
        }
        timer.schedule(this::expire, SHOWN_FOR.toMillis() + 1, TimeUnit.MILLISECONDS);
    }

    /** A message came in: its author no longer counts as typing in that conversation. */
    void arrived(Message message) {
        if (forget(message.conversation(), (peer, until) -> peer.equals(message.author()))) {
            changes.typingChanged(message.conversation(), typingIn(message.conversation()));
        }
    }

    /** Who types in {@code conversation} now, in the order of their IDs. */
    List<PeerId> typingIn(ConversationId conversation) {
        Instant now = clock.instant();
        return heard.getOrDefault(conversation, Map.of()).entrySet().stream().filter(entry -> entry.getValue().isAfter(now))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** Drops the notices that stopped counting, telling of each conversation that changed; the timer runs it. */
    void expire() {
        Instant now = clock.instant();
        for (ConversationId conversation : List.copyOf(heard.keySet())) {
            if (forget(conversation, (peer, until) -> !until.isAfter(now))) {
                changes.typingChanged(conversation, typingIn(conversation));
            }
        }
    }

    /** Forgets the members of a conversation that {@code which} picks; whether there were any. */
    private boolean forget(ConversationId conversation, BiPredicate<PeerId, Instant> which) {
        boolean[] forgot = new boolean[1];
        heard.computeIfPresent(conversation, (id, typing) -> {
            forgot[0] = typing.entrySet().removeIf(entry -> which.test(entry.getKey(), entry.getValue()));
            return typing.isEmpty() ? null : typing;
        });
        return forgot[0];
    }
}
