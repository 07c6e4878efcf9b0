package org.peerdesk.messaging.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;

import org.peerdesk.core.PeerId;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;
import org.peerdesk.storage.DataDirectory;
import org.peerdesk.storage.h2.H2Storage;

/** A messaging node in one test: its own database and key, joined to others by a {@link TestNetwork}. */
final class TestPeer implements AutoCloseable {

    final String name;
    final SigningKey key;
    final Author author;
    final H2Storage storage;
    final Messaging messaging;
    /** Every message stored here, in order; a queue, so that counting a benchmark's hundred thousand costs nothing. */
    final Queue<Message> added = new LinkedBlockingQueue<>();
    final Queue<ConversationId> conversationsChanged = new LinkedBlockingQueue<>();
    /** The reactions other nodes' members made here, as "REACTOR REACTION MESSAGE-ID". */
    final Queue<String> reactions = new LinkedBlockingQueue<>();
    final List<String> dropped = new CopyOnWriteArrayList<>();
    /** Who typed, after each change of it here. */
    final List<List<PeerId>> typingChanges = new CopyOnWriteArrayList<>();
    /** Runs whenever deliveries of messages sent from here move on; benchmarks time with it. */
    volatile Runnable onDelivery = () -> { };
    final Map<PeerId, Boolean> mayMessage = new ConcurrentHashMap<>();
    /** Peers this one does not know (as a node knows the peers it added): it cannot reach them. */
    final Set<PeerId> strangers = ConcurrentHashMap.newKeySet();
    /** The kinds of envelope this peer refuses as unknown, as a node of an earlier version does (none: it is of this one). */
    final Set<Integer> unknownKinds = ConcurrentHashMap.newKeySet();
    /** The protocols this peer does not speak, as a node of an earlier version does not (none: it is of this one). */
    final Set<String> unknownProtocols = ConcurrentHashMap.newKeySet();
    /** Peers this one's user blocked. */
    final Set<PeerId> blocked = ConcurrentHashMap.newKeySet();
    /** Whom each message's files were offered to (the file service's part is the system tests' subject). */
    final Map<String, List<PeerId>> offeredTo = new ConcurrentHashMap<>();
    /** The files offered, by their paths on the shelf (the file service copies them there). */
    private final Map<String, Path> shelved = new ConcurrentHashMap<>();
    /** The files of others' messages this peer's user fetched, by message ID, as the transfers would tell. */
    final Map<String, List<Path>> fetchedHere = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newCachedThreadPool();
    /** What a node keeps with its identity, in memory: a test peer's identity lasts as long as it does. */
    final KeptWithIdentity kept = new KeptWithIdentity() {
        private final Map<String, byte[]> values = new ConcurrentHashMap<>();

        @Override
        public byte[] secret(String name, NodeIdentity.SecretMaker make) throws IdentityException {
            if (!values.containsKey(name)) {
                try {
                    values.put(name, make.make());
                } catch (Exception e) {
                    throw new IdentityException("Cannot make the secret " + name + ": " + e.getMessage(), e);
                }
            }
            return values.get(name);
        }

        @Override
        public Optional<byte[]> kept(String name) {
            return Optional.ofNullable(values.get(name));
        }

        @Override
        public void keep(String name, Optional<byte[]> value) {
            value.ifPresentOrElse(bytes -> values.put(name, bytes), () -> values.remove(name));
        }
    };
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    TestPeer(String name, Path home, TestNetwork network) throws Exception {
        this(name, home, network, Messaging.PEER_RATE);
    }

    /** A peer with the identity {@code key} and a new database: as a node whose machine was lost, back on another. */
    TestPeer(String name, Path home, TestNetwork network, SigningKey key) throws Exception {
        this(name, home, network, Messaging.PEER_RATE, key);
    }

    /** A peer that takes at most {@code peerRate} envelopes a second from each other peer. */
    TestPeer(String name, Path home, TestNetwork network, double peerRate) throws Exception {
        this(name, home, network, peerRate, new SigningKey());
    }

    private TestPeer(String name, Path home, TestNetwork network, double peerRate, SigningKey key) throws Exception {
        this.name = name;
        this.key = key;
        this.author = new Author(key.id, key.publicKey, this::sign);
        this.storage = new H2Storage(DataDirectory.open(Files.createDirectories(home.resolve(name))));
        Inbox.Gate gate = new Inbox.Gate() {
            @Override
            public boolean mayMessage(PeerId peer) {
                return TestPeer.this.mayMessage.getOrDefault(peer, true);
            }

            @Override
            public boolean knows(PeerId peer) {
                return !TestPeer.this.strangers.contains(peer);
            }

            @Override
            public boolean blocked(PeerId peer) {
                return TestPeer.this.blocked.contains(peer);
            }

            @Override
            public void dropped(PeerId peer, String reason) {
                TestPeer.this.dropped.add(reason);
            }
        };
        Mailroom.Events events = new Mailroom.Events() {
            @Override
            public void added(Message message) {
                TestPeer.this.added.add(message);
            }

            @Override
            public void deliveryChanged(ConversationId conversation) {
                onDelivery.run();
            }

            @Override
            public void conversationChanged(ConversationId conversation) {
                TestPeer.this.conversationsChanged.add(conversation);
            }

            @Override
            public void reacted(Message message, PeerId by, String reaction) {
                TestPeer.this.reactions.add(by.shortForm() + " " + reaction + " " + message.id());
            }

            @Override
            public void typingChanged(ConversationId conversation, List<PeerId> typing) {
                TestPeer.this.typingChanges.add(typing);
            }
        };
        Shelf shelf = new Shelf() {
            @Override
            public List<Attachment> offer(String messageId, List<Path> files, List<PeerId> recipients) {
                offeredTo.put(messageId, recipients);
                List<Attachment> attachments = new java.util.ArrayList<>();
                for (Path file : files) {
                    attachments.add(new Attachment(file.toFile().length(), "attachments/" + messageId + "/" + file.getFileName()));
                    shelved.put(attachments.get(attachments.size() - 1).path(), file);
                }
                return attachments;
            }

            @Override
            public Path local(Attachment attachment) {
                return shelved.get(attachment.path());
            }

            @Override
            public Map<String, List<Path>> fetched(List<Message> messages) {
                Map<String, List<Path>> fetched = new java.util.HashMap<>();
                messages.stream().filter(message -> fetchedHere.containsKey(message.id()))
                        .forEach(message -> fetched.put(message.id(), fetchedHere.get(message.id())));
                return fetched;
            }

            @Override
            public void withdraw(String messageId) {
                offeredTo.remove(messageId);
            }
        };
        this.messaging = new Messaging(storage, author, kept, network.streamsOf(this), gate, shelf, peer -> strangers.contains(peer) ? peer.shortForm() : network.name(peer), events,
                Clock.systemUTC(), workers, timer, peerRate);
        network.join(this);
    }

    PeerId id() {
        return author.id();
    }

    Messenger messenger() {
        return messaging.messenger;
    }

    /** Signs as a node's identity does (with Bouncy Castle's Ed25519). */
    byte[] sign(byte[] data) {
        return key.sign(data);
    }

    /** Signs an envelope as this peer, bypassing the service: for envelopes the service would never write. */
    byte[] seal(Envelope envelope) throws Exception {
        return Envelopes.seal(envelope, author.publicKey(), this::sign);
    }

    /** Signs an envelope alone, as the first version of envelopes was: a signature over the content, appended. */
    byte[] signAlone(Envelope envelope) throws Exception {
        return EnvelopesOfVersionOne.signed(Envelopes.content(envelope, author.publicKey()), this::sign);
    }

    @Override
    public void close() {
        messaging.close();
        TestNetwork.stop(workers);
        TestNetwork.stop(timer);
        storage.close(); // after its last user: a transaction that ended later would have H2 write files the test's folder no longer expects
    }
}
