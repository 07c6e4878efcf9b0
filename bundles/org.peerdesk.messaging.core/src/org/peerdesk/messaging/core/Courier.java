package org.peerdesk.messaging.core;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.messaging.core.Envelope.Hello;
import org.peerdesk.messaging.core.Link.Sent;
import org.peerdesk.messaging.core.MailboxWire.Held;
import org.peerdesk.messaging.core.OutboxRows.Item;
import org.peerdesk.transport.PeerStreams;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.RefusalCode;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.StreamRefusedException;

/**
 * Empties the outbox. For each recipient one lane at a time: while the recipient is connected, its
 * envelopes go over a long-lived stream that starts with this node's hello; while it is not, they are
 * sealed to it and left with its mailbox, if it has one and that is connected. Rows leave the outbox
 * only when the recipient answers; anything unanswered is sent again on the next link, and the
 * recipient drops what it already has. Also fetches this node's own mail from its mailbox.
 *
 * <p>A link with nothing waiting on it carries only the hello, which matters to a peer that may
 * message this node; it is opened only for a peer that has shown it takes this node's messages: it
 * took the last stream we opened, accepted our invite and said hello, or let us in (we took its
 * invite, it approved our request). A peer that refuses the stream is not asked again until
 * something changes: a new message for it, a new connection, its approval of a request.
 */
final class Courier implements Link.Answers, AutoCloseable {

    private static final Logger LOG = System.getLogger(Courier.class.getName());
    private static final ProtocolId MESSAGES = ProtocolId.of(MessagesWire.PROTOCOL);
    private static final ProtocolId MAILBOX = ProtocolId.of(MailboxWire.PROTOCOL);
    private static final ProtocolId FIRST_MAILBOX = ProtocolId.of(MailboxWire.FIRST_PROTOCOL);
    private static final int BATCH = 500;
    private static final long RETRY_SECONDS = 15;
    static final String STRANGER_NOTE = "a member this node does not know as a peer, so it cannot reach them;"
            + " add each other (an invite) to deliver it";
    static final String CARRIER_AWAY_NOTE = "a member this node does not know as a peer; the group's creator passes it on"
            + " once connected";

    /** Why messages to {@code peer} wait when it refused them, with the request that asks it for the right. */
    static String refusedNote(PeerId peer) {
        return "they have not given you the right to message them; ask them for it (peerdesk request " + peer.shortForm() + " messages message)";
    }

    private final Mailroom room;
    private final Messenger messenger;
    private final Inbox inbox;
    private final Inbox.Gate gate;
    private final PeerStreams streams;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Map<PeerId, Lane> lanes = new ConcurrentHashMap<>();
    private final Set<PeerId> fetching = ConcurrentHashMap.newKeySet();
    private final Set<PeerId> fetchAgain = ConcurrentHashMap.newKeySet();
    /** Mailboxes of away recipients that refused this node's mail, not asked again until they grant or reconnect. */
    private final Set<PeerId> refusingMailboxes = ConcurrentHashMap.newKeySet();
    /** The groups whose member list went to a member that did not know them: once each while this node runs (see {@link GroupLists}). */
    private final Set<ListOffer> listsOffered = ConcurrentHashMap.newKeySet();

    private record ListOffer(PeerId member, ConversationId group) {
    }

    Courier(Mailroom room, Messenger messenger, Inbox inbox, Inbox.Gate gate, PeerStreams streams, ExecutorService workers,
            ScheduledExecutorService timer) {
        this.room = room;
        this.messenger = messenger;
        this.inbox = inbox;
        this.gate = gate;
        this.streams = streams;
        this.workers = workers;
        this.timer = timer;
    }

    /** The outbox has something new for {@code recipient}, or it may be reachable now, or its access changed. */
    void wake(PeerId recipient) {
        lane(recipient).wake();
    }

    /** {@code peer} has let this node message it (we took its invite, it approved our request): worth a hello. */
    void welcomed(PeerId peer) {
        Lane lane = lane(peer);
        lane.welcomed = true;
        lane.wake();
    }

    /** {@code peer} said it now lets this node message it: what waits for it goes, and mail it holds as our mailbox is fetched. */
    void letsUsMessage(PeerId peer) {
        welcomed(peer);
        try {
            mayServeAsMailbox(peer);
        } catch (MessagingException e) {
            LOG.log(Level.WARNING, "Could not look up the mail for {0}: {1}", peer.shortForm(), e.getMessage());
        }
    }

    /** {@code peer} connected or let this node in: whose mailbox it is get theirs left there, and ours there is fetched. */
    private void mayServeAsMailbox(PeerId peer) throws MessagingException {
        refusingMailboxes.remove(peer);
        room.transact(connection -> HelloRows.usingMailbox(connection, peer)).forEach(this::wake);
        if (messenger.mailbox().filter(peer::equals).isPresent() && streams.connected(peer)) {
            fetchMail(peer);
        }
    }

    /** {@code peer} took this node's invite: it gives what invites give before its first hello, so that hello is answered. */
    void expectHello(PeerId peer) {
        lane(peer).answerHello = true;
    }

    /** This node's own rules for {@code peer} changed: it may want our hello now, unless it refused us. */
    void accessChanged(PeerId peer) {
        lane(peer).retry();
    }

    private Lane lane(PeerId peer) {
        return lanes.computeIfAbsent(peer, Lane::new);
    }

    /**
     * A peer connected: it gets its mail (and our hello); peers whose mailbox it is get theirs left there,
     * and members this node cannot reach, or that refused it, get what it may pass on as their group's creator;
     * ours is fetched.
     */
    void peerConnected(PeerId peer) {
        wake(peer);
        try {
            room.transact(OutboxRows::recipients).stream().filter(recipient -> !gate.knows(recipient) || refusedBy(recipient))
                    .forEach(this::wake);
            mayServeAsMailbox(peer);
        } catch (MessagingException e) {
            LOG.log(Level.WARNING, "Could not look up the mail for {0}: {1}", peer.shortForm(), e.getMessage());
        }
    }

    private boolean refusedBy(PeerId recipient) {
        Lane lane = lanes.get(recipient);
        return lane != null && lane.refused;
    }

    void peerDisconnected(PeerId peer) {
        Lane lane = lanes.get(peer);
        if (lane != null) {
            lane.dropLink();
        }
    }

    /** Tells every connected peer this node's hello again (its mailbox changed). */
    void helloAll() {
        for (PeerId peer : streams.connectedPeers()) {
            lane(peer).helloAgain();
        }
    }

    /**
     * Tries every recipient with something waiting (see {@link Lane#retry}) and fetches from this node's
     * mailbox if it is connected; run now and then, so nothing waits forever on a lost wake-up (a
     * connection that came up while the node was starting, or a fetch that failed).
     */
    void retryAll() {
        try {
            room.transact(OutboxRows::recipients).stream().map(this::lane).forEach(Lane::retry);
            messenger.mailbox().filter(streams.connectedPeers()::contains).ifPresent(this::fetchMail);
        } catch (MessagingException e) {
            LOG.log(Level.WARNING, "Could not read the outbox or the mailbox setting: {0}", e.getMessage());
        }
    }

    @Override
    public void close() {
        lanes.values().forEach(Lane::dropLink);
    }

    /** The deliveries to one recipient: runs on a worker, at most once at a time. */
    private final class Lane implements Runnable {

        private final PeerId peer;
        private boolean running;
        private boolean again;
        private volatile boolean helloDue;
        private volatile Link link;
        /** The peer has let this node message it (see {@link Courier#welcomed}). */
        volatile boolean welcomed;
        /** The peer's hello, once it comes, means it takes this node's messages (see {@link Courier#expectHello}). */
        volatile boolean answerHello;
        /** The peer refused the stream and has not been woken since: the periodic retry leaves it be. */
        volatile boolean refused;

        Lane(PeerId peer) {
            this.peer = peer;
        }

        void wake() {
            refused = false;
            synchronized (this) {
                again = true;
                if (running) {
                    return;
                }
                running = true;
            }
            workers.execute(this);
        }

        /** Wakes the lane unless the peer refused this node since it was last woken. */
        void retry() {
            if (!refused) {
                wake();
            }
        }

        /** Sends this node's hello again on the link, as it changed since the link began. */
        void helloAgain() {
            helloDue = true;
            wake();
        }

        @Override
        public void run() {
            while (true) {
                synchronized (this) {
                    if (!again) {
                        running = false;
                        return;
                    }
                    again = false;
                }
                try {
                    if (streams.connected(peer)) {
                        deliver();
                    } else if (gate.knows(peer)) {
                        deposit(peer);
                    } else {
                        passOn(peer);
                    }
                } catch (IOException | MessagingException | RuntimeException e) {
                    dropLink();
                    if (StreamRefusedException.forLackOfAccess(e)) {
                        refusedUs();
                    } else {
                        LOG.log(Level.INFO, "Delivery to {0} failed, trying again in {1} s: {2}", peer.shortForm(),
                                RETRY_SECONDS, e.getMessage());
                        timer.schedule(this::wake, RETRY_SECONDS, TimeUnit.SECONDS);
                    }
                }
            }
        }

        private void deliver() throws IOException, MessagingException {
            if ((link == null || link.broken()) && !worthALink()) {
                return;
            }
            Link current = link();
            if (helloDue) {
                helloDue = false;
                current.sendHello(messenger.hello());
            }
            while (true) {
                long after = current.sentUpTo();
                List<Item> items = room.transact(connection -> OutboxRows.pending(connection, peer, after, false, BATCH));
                if (items.isEmpty() || current.broken()) {
                    return;
                }
                current.send(signed(items));
            }
        }

        private Link link() throws IOException, MessagingException {
            Link current = link;
            if (current != null && !current.broken()) {
                return current;
            }
            Stream stream = streams.open(peer, MESSAGES);
            current = new Link(stream, Courier.this, workers);
            helloDue = false;
            link = current;
            current.sendHello(messenger.hello());
            room.transact(connection -> {
                HelloRows.setAcceptsUs(connection, peer, true);
                return null;
            });
            return current;
        }

        /** Something waits for the peer; or it takes this node's messages and may send us its own, so wants our hello. */
        private boolean worthALink() throws MessagingException {
            return room.transact(connection -> !OutboxRows.pending(connection, peer, 0, false, 1).isEmpty()
                    || gate.mayMessage(peer) && (welcomed || HelloRows.acceptsUs(connection, peer)
                            || answerHello && HelloRows.hello(connection, peer).isPresent()));
        }

        /**
         * The peer refused the stream: remember it, hand its group traffic to the groups' creators (as for a member
         * this node does not know: the peer may not have taken an introduction to this node, or declined it), and
         * let the messages still waiting for it say why.
         */
        private void refusedUs() {
            welcomed = false;
            answerHello = false;
            refused = true;
            LOG.log(Level.INFO, "{0} has not given this node the right to message it; asking again on a new message"
                    + " or connection, or when it approves a request", peer.shortForm());
            try {
                handOverGroupTraffic(peer);
            } catch (IOException | MessagingException e) {
                LOG.log(Level.INFO, "Could not hand {0}''s group messages to their groups'' creators: {1}", peer.shortForm(),
                        e.getMessage());
            }
            try {
                room.transact(connection -> {
                    HelloRows.setAcceptsUs(connection, peer, false);
                    return MessageRows.noteWaiting(connection, peer, refusedNote(peer));
                }).forEach(room.news::deliveryChanged);
            } catch (MessagingException e) {
                LOG.log(Level.WARNING, "Could not note that {0} refused this node: {1}", peer.shortForm(), e.getMessage());
            }
        }

        void dropLink() {
            Link current = link;
            link = null;
            if (current != null) {
                current.close();
            }
        }
    }

    /**
     * The items with their envelopes signed, many under one signature; envelopes signed already (passed on
     * from their authors, or held from before batch signatures) go as they are.
     */
    private List<Item> signed(List<Item> items) throws MessagingException {
        List<byte[]> signatures = room.self.signAll(items.stream().filter(item -> !whole(item)).map(Item::envelope).toList());
        Iterator<byte[]> next = signatures.iterator();
        return items.stream().map(item -> whole(item) ? item : item.withEnvelope(next.next())).toList();
    }

    private static boolean whole(Item item) {
        return item.signed() || Envelopes.signedAlone(item.envelope());
    }

    // --- answers on a link ---------------------------------------------------------------------

    @Override
    public void answered(Link link, List<Sent> sent, List<Verdict> verdicts) {
        Set<ConversationId> changed = new LinkedHashSet<>();
        Set<PeerId> plainer = new LinkedHashSet<>();
        Set<ListOffer> unknownGroups = new LinkedHashSet<>();
        try {
            unknownGroups = room.transactTogether(connection -> {
                Set<ListOffer> notYet = new LinkedHashSet<>();
                for (int i = 0; i < sent.size(); i++) {
                    Optional<Item> item = sent.get(i).item();
                    Verdict verdict = verdicts.get(i);
                    if (item.isEmpty()) {
                        if (verdict.kind() != Verdict.Kind.STORED) {
                            LOG.log(Level.INFO, "A peer did not take this node''s hello: {0}", verdict.reason());
                        }
                        continue;
                    }
                    switch (verdict.kind()) {
                        case STORED -> settle(connection, item.get(), Delivery.DELIVERED, Optional.empty(), changed);
                        case REFUSED -> {
                            Optional<byte[]> instead = EarlierVersions.insteadOf(item.get().envelope(), room.self.publicKey(),
                                    verdict.reason(), id -> MessageRows.byId(connection, id));
                            if (instead.isPresent()) {
                                OutboxRows.replace(connection, item.get().seq(), instead.get());
                                plainer.add(item.get().recipient());
                            } else {
                                settle(connection, item.get(), Delivery.FAILED, Optional.of(verdict.reason()), changed);
                            }
                        }
                        case LATER -> notYet.add(new ListOffer(item.get().recipient(), Envelopes.conversationOf(item.get().envelope())));
                    }
                }
                return notYet;
            });
        } catch (MessagingException e) {
            LOG.log(Level.WARNING, "Could not record deliveries: {0}", e.getMessage());
            link.close();
        }
        changed.forEach(room.news::deliveryChanged);
        if (!unknownGroups.isEmpty() || !plainer.isEmpty()) { // the link goes on after what waits: a new one sends it again
            link.close();
        }
        plainer.forEach(room.wake); // a new link sends the message again, without what the peer's node does not read
        offerLists(unknownGroups);
    }

    /**
     * A peer said "not yet" to envelopes, as a member does to a group it does not know: where this node has the group's member
     * list for it, the list follows at once, and the rest is taken with it (else they wait for the next try, as before).
     */
    private void offerLists(Set<ListOffer> unknownGroups) {
        unknownGroups.removeAll(listsOffered);
        if (unknownGroups.isEmpty()) {
            return;
        }
        try {
            List<ListOffer> offered = room.transact(connection -> {
                List<ListOffer> queued = new ArrayList<>();
                for (ListOffer offer : unknownGroups) {
                    if (GroupLists.offer(connection, room, offer.group(), offer.member())) {
                        queued.add(offer);
                    }
                }
                return queued;
            });
            listsOffered.addAll(offered);
            offered.stream().map(ListOffer::member).distinct().forEach(room.wake);
        } catch (MessagingException e) {
            LOG.log(Level.INFO, "Could not offer groups'' member lists to members that do not know them: {0}", e.getMessage());
        }
    }

    private static void settle(java.sql.Connection connection, Item item, int progress, Optional<String> problem,
            Set<ConversationId> changed) throws java.sql.SQLException {
        OutboxRows.remove(connection, item.seq());
        if (item.messageSeq().isPresent()) {
            MessageRows.advance(connection, item.messageSeq().get(), item.recipient(), progress, problem).ifPresent(changed::add);
        }
    }

    @Override
    public void broken(Link link, Exception cause) {
        lanes.values().stream().filter(lane -> lane.link == link).findFirst().ifPresent(lane -> {
            lane.dropLink();
            timer.schedule(lane::wake, RETRY_SECONDS, TimeUnit.SECONDS);
        });
    }

    // --- mailbox -------------------------------------------------------------------------------

    /** Leaves the recipient's waiting envelopes, sealed to it, with its mailbox, if that is connected. */
    private void deposit(PeerId recipient) throws IOException, MessagingException {
        Optional<Hello> hello = room.transact(connection -> HelloRows.hello(connection, recipient));
        Optional<PeerId> box = hello.flatMap(Hello::mailbox);
        if (box.isEmpty() || !streams.connected(box.get())) {
            return;
        }
        if (refusingMailboxes.contains(box.get())) {
            noteHeldBack(recipient, box.get()); // a message sent since says why it waits too
            return;
        }
        Stream opened;
        try {
            opened = openMailbox(box.get());
        } catch (IOException e) {
            if (!StreamRefusedException.forLackOfAccess(e)) {
                throw e;
            }
            mailboxRefusedUs(recipient, box.get());
            return;
        }
        try (Stream stream = opened) {
            boolean dropsInTime = stream.protocol().equals(MAILBOX);
            DataInputStream in = new DataInputStream(new BufferedInputStream(stream.input()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream.output()));
            while (true) {
                List<Item> items = signed(room.transact(connection -> OutboxRows.pending(connection, recipient, 0, true, BATCH)));
                if (items.isEmpty()) {
                    return;
                }
                for (Item item : items) {
                    Optional<Instant> until = dropsInTime && item.messageSeq().isPresent()
                            ? room.transact(connection -> room.disappearsAt(connection, item.messageSeq().get()))
                            : Optional.empty();
                    MailboxWire.writeDeposit(out, recipient, SealedMail.seal(item.envelope(), hello.get().agreementKey(), recipient), until);
                    Verdict verdict = MessagesWire.readVerdict(in);
                    if (verdict.kind() != Verdict.Kind.STORED) {
                        LOG.log(Level.INFO, "Mailbox {0} did not take mail for {1}: {2}", box.get().shortForm(),
                                recipient.shortForm(), verdict.reason());
                        return;
                    }
                    heldFor(recipient, item, Delivery.AT_MAILBOX);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("could not seal mail for " + recipient.shortForm() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A stream of the mailbox protocol to {@code box}: of the current version, or of the first where the box speaks no
     * other (it then keeps mail until fetched even where its message is set to disappear sooner).
     */
    private Stream openMailbox(PeerId box) throws IOException {
        try {
            return streams.open(box, MAILBOX);
        } catch (IOException e) {
            if (!StreamRefusedException.refusedBecause(e, RefusalCode.UNKNOWN_PROTOCOL)) {
                throw e;
            }
            return streams.open(box, FIRST_MAILBOX);
        }
    }

    /** {@code box}, the away recipient's mailbox, does not let this node leave mail: the recipient refused nothing; the note says whom to ask. */
    private void mailboxRefusedUs(PeerId recipient, PeerId box) throws MessagingException {
        refusingMailboxes.add(box);
        LOG.log(Level.INFO, "{0}''s mailbox {1} does not let this node leave mail; asking again when it grants or reconnects",
                recipient.shortForm(), box.shortForm());
        noteHeldBack(recipient, box);
    }

    private void noteHeldBack(PeerId recipient, PeerId box) throws MessagingException {
        String note = mailboxRefusedNote(box);
        room.transact(connection -> MessageRows.noteWaiting(connection, recipient, note)).forEach(room.news::deliveryChanged);
    }

    /** Away recipients whose mailbox refused this node's mail, each with that mailbox. */
    Map<PeerId, PeerId> heldBackByMailboxes() throws MessagingException {
        Map<PeerId, PeerId> held = new LinkedHashMap<>();
        for (PeerId box : refusingMailboxes) {
            room.transact(connection -> HelloRows.usingMailbox(connection, box)).forEach(recipient -> held.put(recipient, box));
        }
        return held;
    }

    static String mailboxRefusedNote(PeerId box) {
        return "they are away, and their mailbox " + box.shortForm() + " does not let this node leave mail there; ask it for the right"
                + " to message it (peerdesk request " + box.shortForm() + " messages message)";
    }

    // --- passing on through a group's creator -----------------------------------------------------

    /**
     * Hands what waits for {@code recipient}, a member this node does not know as a peer, to the creators
     * of its groups, who reach every member (see {@link GroupCarrier}); notes why the rest waits.
     */
    private void passOn(PeerId recipient) throws IOException, MessagingException {
        String note = handOverGroupTraffic(recipient) ? STRANGER_NOTE : CARRIER_AWAY_NOTE;
        room.transact(connection -> MessageRows.noteWaiting(connection, recipient, note)).forEach(room.news::deliveryChanged);
    }

    /**
     * Hands what waits for {@code recipient} in groups this node did not create to their creators, those that are
     * connected; returns whether every creator needed was (direct messages stay, as nobody passes those on).
     */
    private boolean handOverGroupTraffic(PeerId recipient) throws IOException, MessagingException {
        boolean carrierAway = false;
        List<Item> waiting;
        long after = 0;
        do {
            long from = after;
            waiting = room.transact(connection -> OutboxRows.pending(connection, recipient, from, true, BATCH));
            List<Item> batch = waiting;
            GroupCarrier.Routes routes = room.transact(connection -> GroupCarrier.routes(connection, room, recipient, batch));
            for (Item item : routes.noLonger()) {
                fail(item, routes.recipientName() + " is no longer a member of the group");
            }
            for (Map.Entry<PeerId, List<Item>> carried : routes.byCarrier().entrySet()) {
                if (streams.connected(carried.getKey())) {
                    handOver(carried.getKey(), recipient, carried.getValue());
                } else {
                    carrierAway = true;
                }
            }
            after = waiting.isEmpty() ? after : waiting.get(waiting.size() - 1).seq();
        } while (waiting.size() == BATCH);
        return !carrierAway;
    }

    private void handOver(PeerId carrier, PeerId recipient, List<Item> items) throws IOException, MessagingException {
        try (Stream stream = openMailbox(carrier)) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(stream.input()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream.output()));
            for (Item item : signed(items)) {
                MailboxWire.writePassOn(out, recipient, item.envelope());
                Verdict verdict = MessagesWire.readVerdict(in);
                switch (verdict.kind()) {
                    case STORED -> passedOn(recipient, item);
                    case REFUSED -> fail(item, room.name(carrier) + ", who made the group, did not pass it on: " + verdict.reason());
                    case LATER -> LOG.log(Level.INFO, "{0} cannot pass an envelope on to {1} yet: {2}", carrier.shortForm(),
                            recipient.shortForm(), verdict.reason());
                }
            }
        }
    }

    private void passedOn(PeerId recipient, Item item) throws MessagingException {
        if (item.messageSeq().isPresent()) {
            heldFor(recipient, item, Delivery.PASSED_ON);
        } else {
            // a receipt: nothing confirms it ever arrived, and nothing is lost if it did not
            room.transact(connection -> {
                OutboxRows.remove(connection, item.seq());
                return null;
            });
        }
    }

    /**
     * Nobody will carry {@code item} to its recipient (it left the group meanwhile, say): it fails for that recipient,
     * with {@code reason}, rather than be offered again and again.
     */
    private void fail(Item item, String reason) throws MessagingException {
        Set<ConversationId> changed = new LinkedHashSet<>();
        room.transact(connection -> {
            settle(connection, item, Delivery.FAILED, Optional.of(reason), changed);
            return null;
        });
        changed.forEach(room.news::deliveryChanged);
    }

    /** Another peer holds {@code item} for its recipient now: it is not handed to anyone again, and the message moves on. */
    private void heldFor(PeerId recipient, Item item, int progress) throws MessagingException {
        Optional<ConversationId> changed = room.transact(connection -> {
            OutboxRows.markDeposited(connection, item.seq());
            return item.messageSeq().isEmpty() ? Optional.<ConversationId>empty()
                    : MessageRows.advance(connection, item.messageSeq().get(), recipient, progress, Optional.empty());
        });
        changed.ifPresent(room.news::deliveryChanged);
    }

    /**
     * Fetches the mail that {@code box} holds for this node, in the background. A request that comes
     * while a fetch runs makes it fetch once more when done: two nodes that dial each other at once
     * keep one of the two connections, and the fetch that the first one started can die with it, while
     * the request that the surviving connection makes must not be lost.
     */
    void fetchMail(PeerId box) {
        fetchAgain.add(box);
        if (!fetching.add(box)) {
            return;
        }
        workers.execute(() -> {
            try {
                while (fetchAgain.remove(box)) {
                    fetchOnce(box);
                }
            } finally {
                fetching.remove(box);
                if (fetchAgain.contains(box)) {
                    fetchMail(box);
                }
            }
        });
    }

    private void fetchOnce(PeerId box) {
        try {
            int pieces = fetchFrom(box);
            room.transact(connection -> {
                MailFetches.answered(connection, box, Instant.now(), pieces);
                return null;
            });
        } catch (IOException | MessagingException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not fetch mail from {0}: {1}", box.shortForm(), e.getMessage());
            noteFetchFailed(box, e);
        }
    }

    private void noteFetchFailed(PeerId box, Exception failure) {
        String problem = StreamRefusedException.forLackOfAccess(failure)
                ? "it does not let this node message it, so it holds no mail for it: ask it for the right to message it"
                : "fetching mail from it failed: " + failure.getMessage();
        try {
            room.transact(connection -> {
                MailFetches.failed(connection, box, problem);
                return null;
            });
        } catch (MessagingException e) {
            LOG.log(Level.WARNING, "Could not note the failed fetch: {0}", e.getMessage());
        }
    }

    /** Takes in what {@code box} holds for this node; returns how many pieces of mail it handed over that this node kept. */
    private int fetchFrom(PeerId box) throws IOException, MessagingException {
        Set<Long> seen = new java.util.HashSet<>();
        int pieces = 0;
        try (Stream stream = openMailbox(box)) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(stream.input()));
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream.output()));
            while (true) {
                out.writeByte(MailboxWire.FETCH);
                out.flush();
                List<Held> held = MailboxWire.readHeld(in);
                List<Held> fresh = held.stream().filter(each -> seen.add(each.seq())).toList();
                if (fresh.isEmpty()) {
                    return pieces;
                }
                List<Long> taken = new ArrayList<>();
                List<Long> opened = new ArrayList<>();
                List<byte[]> envelopes = new ArrayList<>();
                for (Held each : fresh) {
                    try {
                        envelopes.add(SealedMail.open(each.mail(), messenger.agreement(), room.self.id()));
                        opened.add(each.seq());
                    } catch (GeneralSecurityException e) {
                        gate.dropped(box, "dropped mail from mailbox " + box.shortForm() + " that does not open: it was altered or is not ours");
                        taken.add(each.seq());
                    }
                }
                List<Verdict> verdicts = inbox.accept(new Inbox.ViaMailbox(box), envelopes);
                for (int i = 0; i < verdicts.size(); i++) {
                    if (verdicts.get(i).kind() != Verdict.Kind.LATER) {
                        taken.add(opened.get(i));
                    }
                    if (verdicts.get(i).kind() == Verdict.Kind.STORED) {
                        pieces++;
                    }
                }
                MailboxWire.writeTaken(out, taken);
                MessagesWire.readVerdict(in);
            }
        }
    }
}
