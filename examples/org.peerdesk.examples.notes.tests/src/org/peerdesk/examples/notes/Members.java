package org.peerdesk.examples.notes;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

import org.peerdesk.core.PeerId;
import org.peerdesk.core.PeerdeskException;

/**
 * Notebooks of several peers, each on a database of its own, and the links between them: what one sends another waits
 * in order until {@link #deliver()} hands it over, as a stream would, and only while the two are connected. A peer that
 * connects offers the other everything it shares with it, as the plugin's streams do.
 */
final class Members {

    private final Path home;
    private final Map<String, NoteBook> books = new LinkedHashMap<>();
    private final Map<PeerId, String> names = new LinkedHashMap<>();
    private final Map<String, NoteStore> stores = new LinkedHashMap<>();
    private final Map<String, KeyPair> keys = new LinkedHashMap<>();
    /** The links between peers, each with what stands for its streams: where a peer is, is kept as long as the link it came on. */
    private final Map<Set<PeerId>, Object> links = new HashMap<>();
    private final Queue<Runnable> inFlight = new ArrayDeque<>();

    Members(Path home) {
        this.home = home;
    }

    NoteBook add(String name) throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        PeerId id = PeerId.ofPublicKey(keys.getPublic().getEncoded());
        stores.put(name, new NoteStore(new EmbeddedStorage(home.resolve(name))));
        this.keys.put(name, keys);
        names.put(id, name);
        return open(name, id);
    }

    /** The peer's notebook as a restart of its node would make it: from its database alone. */
    NoteBook reopen(String name) {
        return open(name, book(name).self());
    }

    /** Signs as the peer's node does. */
    SignedNote.Signer signer(String name) {
        KeyPair pair = keys.get(name);
        return new SignedNote.Signer() {
            @Override
            public byte[] publicKey() {
                return pair.getPublic().getEncoded();
            }

            @Override
            public byte[] sign(byte[] data) {
                try {
                    Signature signature = Signature.getInstance("Ed25519");
                    signature.initSign(pair.getPrivate());
                    signature.update(data);
                    return signature.sign();
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("Ed25519 is part of every Java runtime", e);
                }
            }
        };
    }

    private NoteBook open(String name, PeerId id) {
        NoteBook book = new NoteBook(stores.get(name), id, signer(name), names::get, new NoteBook.Courier() {
            @Override
            public void send(PeerId peer, NotesWire.Frame frame) {
                if (connected(id, peer)) {
                    inFlight.add(() -> receive(id, peer, frame));
                }
            }

            @Override
            public void resync(PeerId peer) {
                if (connected(id, peer)) {
                    inFlight.add(() -> offer(id, peer));
                }
            }
        }, noteId -> { });
        books.put(name, book);
        return book;
    }

    NoteBook book(String name) {
        return books.get(name);
    }

    PeerId id(String name) {
        return book(name).self();
    }

    void connect(String one, String other) {
        links.put(Set.of(id(one), id(other)), new Object());
        inFlight.add(() -> offer(id(one), id(other)));
        inFlight.add(() -> offer(id(other), id(one)));
    }

    void disconnect(String one, String other) throws PeerdeskException {
        Object link = links.remove(Set.of(id(one), id(other)));
        book(one).gone(id(other), link);
        book(other).gone(id(one), link);
    }

    /** Hands over everything sent, and what that sends in turn, until nothing more is on its way. */
    void deliver() {
        while (!inFlight.isEmpty()) {
            inFlight.remove().run();
        }
    }

    private boolean connected(PeerId one, PeerId other) {
        return links.containsKey(Set.of(one, other));
    }

    private NoteBook bookOf(PeerId peer) {
        return books.get(names.get(peer));
    }

    private void offer(PeerId from, PeerId to) {
        if (!connected(from, to)) {
            return;
        }
        try {
            NotesWire.Want want = bookOf(to).answer(from, bookOf(from).offerTo(to));
            for (SignedNote newer : want.newer()) {
                bookOf(from).described(to, newer);
            }
            for (NotesWire.Edited edited : bookOf(from).missing(to, want)) {
                receive(from, to, edited);
            }
            bookOf(from).placesFor(to).forEach(place -> receive(from, to, place));
            bookOf(from).leavingFor(to).forEach(left -> receive(from, to, left));
        } catch (PeerdeskException e) {
            throw new AssertionError(e);
        }
    }

    private void receive(PeerId from, PeerId to, NotesWire.Frame frame) {
        if (!connected(from, to)) {
            return;
        }
        try {
            switch (frame) {
                case NotesWire.Edited edited -> {
                    if (bookOf(to).received(from, edited) == NoteBook.Taken.OUT_OF_STEP) {
                        inFlight.add(() -> offer(from, to));
                    }
                }
                case NotesWire.Described described -> bookOf(to).described(from, described.note());
                case NotesWire.Placed placed -> bookOf(to).placed(from, placed, links.get(Set.of(from, to)));
                case NotesWire.PassedPlace passed -> bookOf(to).passed(from, passed, links.get(Set.of(from, to)));
                case NotesWire.Left left -> bookOf(to).left(from, left.noteId());
                default -> throw new AssertionError("only edits, descriptions and places follow an offer: " + frame);
            }
        } catch (PeerdeskException e) {
            throw new AssertionError(e);
        }
    }
}
