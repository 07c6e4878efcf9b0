package org.peerdesk.examples.notes;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.PeerId;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.core.Threads;
import org.peerdesk.core.Topics;
import org.peerdesk.examples.notes.NotesWire.Described;
import org.peerdesk.examples.notes.NotesWire.Edited;
import org.peerdesk.examples.notes.NotesWire.Frame;
import org.peerdesk.examples.notes.NotesWire.Left;
import org.peerdesk.examples.notes.NotesWire.Offer;
import org.peerdesk.examples.notes.NotesWire.PassedPlace;
import org.peerdesk.examples.notes.NotesWire.Placed;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.storage.Storage;
import org.peerdesk.storage.StorageException;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.event.PeerConnected;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.transport.spi.ProtocolHandler;

/**
 * The shared notes of this node, kept in step with the members of each over a protocol of the plugin's own, served to
 * trusted peers: to each connected peer it shares notes with, this node opens a stream that offers them, sends the edits
 * the peer lacks, then each new one as it is made or taken, and where the user's cursor is in a note they share. A stream the peer ends (it fell out of step) is opened again;
 * one that fails is opened when the peer next connects, or opens one to this node (a peer that started after the two
 * connected refused this node's first, as its plugin was not serving yet). Immediate, so that it opens its streams as soon
 * as it can, whether or not the user works on the notes. The notebook itself ({@link #book()}) is what the command and the
 * view work on.
 */
@Component(service = {Notes.class, ProtocolHandler.class, EventHandler.class}, immediate = true, property = {
    ProtocolHandler.PROTOCOL + "=" + Notes.PROTOCOL_ID,
    ProtocolHandler.ACCESS + "=trusted",
    EventConstants.EVENT_TOPIC + "=" + TransportTopics.PEER_CONNECTED})
public final class Notes implements ProtocolHandler, EventHandler, NoteBook.Courier {

    static final String PROTOCOL_ID = "/org.peerdesk.examples.notes/notes/1";
    static final ProtocolId PROTOCOL = ProtocolId.of(PROTOCOL_ID);
    /** Posted when a note changed, with the note's ID under {@value #NOTE}. */
    public static final String CHANGED = Topics.ROOT + "/examples/notes/NoteChanged";
    public static final String NOTE = "note";
    private static final long RETRY_SECONDS = 3;
    private static final int MOST_DOUBLINGS = 6;
    private static final Logger LOG = System.getLogger(Notes.class.getName());

    private final TransportService transport;
    private final PeerDirectory directory;
    private final NoteBook book;
    private final Map<PeerId, NoteStream> streams = new ConcurrentHashMap<>();
    /** How many times in a row each peer ended the stream to it, for the wait before it is opened again. */
    private final Map<PeerId, Integer> endedInARow = new ConcurrentHashMap<>();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(Threads.daemon("notes-retry"));
    private volatile boolean stopped;

    @Activate
    public Notes(@Reference Storage storage, @Reference NodeIdentity identity, @Reference TransportService transport,
            @Reference PeerDirectory directory, @Reference EventAdmin events) throws StorageException {
        this.transport = transport;
        this.directory = directory;
        this.book = new NoteBook(new NoteStore(storage), identity.peerId(), new SignedNote.Signer() {
            @Override
            public byte[] publicKey() {
                return identity.certificate().getPublicKey().getEncoded();
            }

            @Override
            public byte[] sign(byte[] data) throws PeerdeskException {
                return identity.sign(data);
            }
        }, peer -> peer.equals(identity.peerId()) ? identity.displayName() : directory.nameOf(peer), this,
                noteId -> events.postEvent(new Event(CHANGED, Map.of(NOTE, noteId))));
        transport.connectedPeers().forEach(peer -> open(peer.id())); // connected before the plugin started: no event comes
    }

    @Deactivate
    void stop() {
        stopped = true;
        retries.shutdownNow();
        streams.values().forEach(NoteStream::close);
    }

    NoteBook book() {
        return book;
    }

    /** What the user is shown for a member of {@code note}: "you", the name this node knows it by, else the owner's name for it. */
    String nameOf(Note note, PeerId peer) {
        return peer.equals(book.self()) ? "you" : directory.knownName(peer).orElse(note.nameOf(peer));
    }

    /** Whether a stream keeps the note in step with the peer now. */
    boolean inStep(PeerId peer) {
        return streams.containsKey(peer) && transport.connection(peer).isPresent();
    }

    @Override
    public void handleEvent(Event event) {
        if (event.getProperty(Topics.DATA) instanceof PeerConnected connected) {
            endedInARow.remove(connected.peer().id());
            open(connected.peer().id());
        }
    }

    @Override
    public void send(PeerId peer, Frame frame) {
        NoteStream stream = streams.get(peer);
        if (stream != null) {
            stream.queue(frame);
        } else {
            open(peer);
        }
    }

    @Override
    public void resync(PeerId peer) {
        NoteStream stream = streams.remove(peer);
        if (stream != null) {
            stream.close();
        }
        open(peer);
    }

    private void open(PeerId peer) {
        if (stopped || transport.connection(peer).isEmpty()) {
            return;
        }
        NoteStream opened = new NoteStream(peer, book, transport);
        if (streams.putIfAbsent(peer, opened) == null) {
            Thread.ofVirtual().name("notes-to-" + peer.shortForm()).start(() -> run(opened));
        }
    }

    /**
     * Keeps the peer in step on the stream until it ends. Where the peer ended it (out of step, which a write may find
     * first) while the two stay connected, it is opened again after a wait that doubles each time it ends so, up to a few
     * minutes; where the peer did not take it (it has no notes plugin) or the connection went, it is opened when the peer
     * next connects.
     */
    private void run(NoteStream stream) {
        long started = System.nanoTime();
        boolean again = false;
        try {
            again = stream.run();
        } catch (IOException | PeerdeskException | RuntimeException e) {
            LOG.log(Level.INFO, "Notes: keeping notes in step with {0} stopped: {1}", stream.peer().shortForm(), e.getMessage());
            again = stream.failedOnTheWay() && transport.connection(stream.peer()).isPresent();
        } finally {
            streams.remove(stream.peer(), stream);
            stream.close();
        }
        if (again && !stopped) {
            if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(1)) {
                endedInARow.remove(stream.peer()); // it served a while: not a stream that keeps failing
            }
            int ended = endedInARow.merge(stream.peer(), 1, Integer::sum);
            retries.schedule(() -> open(stream.peer()), RETRY_SECONDS << Math.min(ended - 1, MOST_DOUBLINGS), TimeUnit.SECONDS);
        }
    }

    /** A stream a peer opened: its offer answered, then every edit it sends taken, until it ends or falls out of step. */
    @Override
    public void handle(Stream stream) throws IOException {
        PeerId from = stream.peer();
        try (stream) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(stream.input()));
            Optional<Frame> first = NotesWire.read(in);
            if (first.isEmpty()) {
                return;
            }
            if (!(first.get() instanceof Offer offer)) {
                throw new IOException("the stream begins with something other than an offer");
            }
            open(from); // the peer serves notes now, though it may have refused this node's stream as it started
            DataOutputStream out = new DataOutputStream(stream.output());
            NotesWire.write(out, book.answer(from, offer));
            out.flush();
            for (Optional<Frame> frame = NotesWire.read(in); frame.isPresent(); frame = NotesWire.read(in)) {
                switch (frame.get()) {
                    case Edited edited -> {
                        if (book.received(from, edited) == NoteBook.Taken.OUT_OF_STEP) {
                            return; // the peer opens a new stream and offers again, from where this node is
                        }
                    }
                    case Described described -> book.described(from, described.note());
                    case Placed placed -> book.placed(from, placed, stream);
                    case PassedPlace passed -> book.passed(from, passed, stream);
                    case Left left -> book.left(from, left.noteId());
                    default -> throw new IOException("an offer or a want in the middle of a stream");
                }
            }
        } catch (PeerdeskException e) {
            LOG.log(Level.WARNING, "Notes: closed the stream from {0}: {1}", from.shortForm(), e.getMessage());
        } finally {
            gone(from, stream);
        }
    }

    /** The stream from the peer ended: where it said members are goes, and the members this node reaches are told. */
    private void gone(PeerId from, Stream stream) {
        try {
            book.gone(from, stream);
        } catch (StorageException e) {
            LOG.log(Level.WARNING, "Notes: could not tell the members that {0} is gone: {1}", from.shortForm(), e.getMessage());
        }
    }
}
