package org.peerdesk.examples.notes;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.peerdesk.core.PeerId;
import org.peerdesk.core.PeerdeskException;
import org.peerdesk.examples.notes.NotesWire.Edited;
import org.peerdesk.examples.notes.NotesWire.Frame;
import org.peerdesk.examples.notes.NotesWire.Left;
import org.peerdesk.examples.notes.NotesWire.Offer;
import org.peerdesk.examples.notes.NotesWire.Want;
import org.peerdesk.transport.Stream;
import org.peerdesk.transport.TransportService;

/**
 * This node's stream to one peer: it offers the notes both share, sends the edits the peer lacks, where the user and the
 * members who told this node are, which of the peer's notes the user left, then each frame queued for the peer, until either side ends it. Frames queued before the peer's answer follow the edits it lacked (some
 * twice, which the peer takes once), so that nothing made meanwhile is missed.
 */
final class NoteStream {

    private static final long OPEN_SECONDS = 30;
    private static final long POLL_MILLIS = 250;
    private static final int BUFFER = 64 * 1024;

    private final PeerId peer;
    private final NoteBook book;
    private final TransportService transport;
    private final BlockingQueue<Frame> queue = new LinkedBlockingQueue<>();
    private volatile Stream stream;
    private volatile boolean closedHere;
    private volatile boolean endedThere;
    private volatile boolean opened;

    NoteStream(PeerId peer, NoteBook book, TransportService transport) {
        this.peer = peer;
        this.book = book;
        this.transport = transport;
    }

    PeerId peer() {
        return peer;
    }

    /**
     * Whether the stream failed on the way, rather than before the peer took it (for want of the plugin there) or because
     * this node ended it (a new one took its place, or the plugin stops).
     */
    boolean failedOnTheWay() {
        return opened && !closedHere;
    }

    void queue(Frame frame) {
        queue.add(frame);
    }

    void close() {
        closedHere = true;
        Stream open = stream;
        if (open != null) {
            open.close();
        }
    }

    /**
     * Keeps the peer in step until the stream ends; returns whether to open it again (the peer ended it, having fallen
     * out of step, say), rather than because there is nothing to share.
     */
    boolean run() throws IOException, PeerdeskException {
        stream = open();
        opened = true;
        if (closedHere) {
            stream.close();
            return false;
        }
        Offer offer = book.offerTo(peer);
        List<Left> leaving = book.leavingFor(peer);
        if (offer.notes().isEmpty() && leaving.isEmpty()) {
            return false;
        }
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream.output(), BUFFER));
        NotesWire.write(out, offer);
        out.flush();
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream.input()));
        if (!(NotesWire.read(in).orElseThrow(() -> new IOException("the peer ended the stream without an answer")) instanceof Want want)) {
            throw new IOException("the peer answered an offer with something else");
        }
        for (SignedNote newer : want.newer()) {
            book.described(peer, newer);
        }
        for (Edited edited : book.missing(peer, want)) {
            NotesWire.write(out, edited);
        }
        for (Frame place : book.placesFor(peer)) {
            NotesWire.write(out, place);
        }
        for (Left left : leaving) {
            NotesWire.write(out, left);
        }
        out.flush();
        Thread.ofVirtual().name("notes-end-" + peer.shortForm()).start(() -> awaitEnd(in));
        while (!closedHere && !endedThere) {
            Frame next = poll();
            if (next != null) {
                NotesWire.write(out, next);
            }
            if (queue.isEmpty()) {
                out.flush();
            }
        }
        return endedThere && !closedHere;
    }

    private Stream open() throws IOException {
        try {
            return transport.openStream(peer, Notes.PROTOCOL).toCompletableFuture().get(OPEN_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the peer did not take a stream within " + OPEN_SECONDS + " seconds", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while opening a stream", e);
        }
    }

    private Frame poll() throws IOException {
        try {
            return queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The peer sends nothing after its answer: its end of the stream ending is all there is to read. */
    private void awaitEnd(DataInputStream in) {
        try {
            while (in.read() >= 0) {
                // nothing more is said
            }
        } catch (IOException e) {
            // ended all the same
        }
        endedThere = true;
    }
}
