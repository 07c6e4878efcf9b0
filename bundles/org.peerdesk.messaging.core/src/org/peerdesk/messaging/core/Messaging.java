package org.peerdesk.messaging.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.PeerStreams;

/**
 * The messaging area put together from its plain parts: the service, the inbox, the courier, the
 * two servers, the search indexer and the transcripts that backups keep, sharing one {@link Mailroom}. The running node builds one from its services; tests
 * build several, joined by in-memory streams.
 */
final class Messaging implements AutoCloseable {

    /** Envelopes per second one peer may make this node store; more wait (see {@link Pace}). */
    static final double PEER_RATE = 25_000;
    /** How often new messages are indexed for search; until then search reads them one by one. */
    static final long INDEX_MILLIS = 500;

    /** The types of content plugins here know; they come and go as the plugins do. */
    final Contents contents = new Contents();
    final Messenger messenger;
    final Inbox inbox;
    final Courier courier;
    final MessagesServer messages;
    final MailboxServer mailbox;
    final WordIndexer indexer;
    final Typing typing;
    final TypingLinks typingLinks;
    final TypingServer typingServer;
    final Transcripts transcripts;
    final History history;
    final CatchUps catchUps;
    private final Mailroom room;

    Messaging(Storage storage, Author self, KeptWithIdentity kept, PeerStreams streams, Inbox.Gate gate, Shelf shelf, Function<PeerId, String> names,
            Mailroom.Events events, Clock clock, ExecutorService workers, ScheduledExecutorService timer, double peerRate)
            throws StorageException, MessagingException {
        storage.migrate(MessagingSchema.SCHEMA);
        this.typingLinks = new TypingLinks(streams);
        this.typing = new Typing(self.id(), clock, conversation -> storage.transact(connection -> MessageRows.header(connection, conversation))
                .map(MessageRows.Header::members), typingLinks, events, workers, timer);
        this.typingServer = new TypingServer(typing);
        Courier[] courierOnceBuilt = new Courier[1];
        this.room = new Mailroom(storage, self, new HybridClock(clock, 0), names, events,
                recipient -> courierOnceBuilt[0].wake(recipient));
        this.transcripts = new Transcripts(room, java.time.ZoneId.systemDefault());
        this.messenger = new Messenger(room, shelf, contents, typing, streams::connected, kept, transcripts);
        this.inbox = new Inbox(room, gate, contents, typing);
        this.courier = new Courier(room, messenger, inbox, gate, streams, workers, timer);
        courierOnceBuilt[0] = courier;
        this.messages = new MessagesServer(inbox, new Pace(peerRate, peerRate));
        this.mailbox = new MailboxServer(room, gate, clock);
        this.indexer = new WordIndexer(storage, workers);
        this.history = new History(room, messenger);
        this.catchUps = new CatchUps(room, history, streams, workers, clock);
        timer.scheduleWithFixedDelay(indexer::nudge, 0, INDEX_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Writes the conversations into {@code folder} in one pass over them: as text to read, and as data a take-over brings back. */
    void writeConversations(Path folder) throws IOException, MessagingException {
        try (History.Writer history = new History.Writer(folder.resolve(History.FILE))) {
            AllMessages.read(room, List.of(transcripts.into(folder), history));
            history.finish();
        }
    }

    /**
     * Brings back the conversations that {@code node}, whose place this node takes, wrote into {@code folder}, if it did;
     * then {@code peers} (those it knew) and the conversations' members are asked for what came after (see {@link CatchUps}).
     */
    Optional<TakenBack> takeBackConversations(Path folder, PeerId node, Collection<PeerId> peers) throws IOException, MessagingException {
        Path file = folder.resolve(History.FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        History.TakenBack taken = history.takeBack(file, node);
        return Optional.of(new TakenBack(taken, catchUps.planAfterHistory(node, peers)));
    }

    /** The conversations a take-over brought back, and how many peers are to give back what came after. */
    record TakenBack(History.TakenBack fromTheBackup, int peersAsked) {
    }

    /** A peer connected: the courier delivers to it, and it is asked for what a lost machine's backup did not have, if it is to be. */
    void peerConnected(PeerId peer) {
        courier.peerConnected(peer);
        catchUps.peerConnected(peer);
    }

    /** Chooses this node's mailbox, tells the connected peers, and fetches what the new mailbox holds. */
    void setMailbox(Optional<PeerId> mailbox) throws MessagingException {
        messenger.setMailbox(mailbox);
        courier.helloAll();
        mailbox.ifPresent(courier::fetchMail);
    }

    /** Retries the outbox every half minute; each minute deletes the messages past their time and drops the mail held past its own. */
    void schedule(ScheduledExecutorService timer) {
        timer.scheduleWithFixedDelay(courier::retryAll, 0, 30, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> {
            try {
                messenger.sweepDisappeared(room.clock.wallMillis());
            } catch (MessagingException e) {
                System.getLogger(Messaging.class.getName()).log(System.Logger.Level.WARNING,
                        "Could not delete the messages past their time: {0}", e.getMessage());
            }
        }, 0, 1, TimeUnit.MINUTES);
        timer.scheduleWithFixedDelay(() -> {
            try {
                mailbox.purge();
            } catch (MessagingException e) {
                System.getLogger(Messaging.class.getName()).log(System.Logger.Level.WARNING,
                        "Could not purge old mailbox mail: {0}", e.getMessage());
            }
        }, 1, 1, TimeUnit.MINUTES);
    }

    @Override
    public void close() {
        courier.close();
        typingLinks.close();
    }
}
