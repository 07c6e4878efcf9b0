package org.peerdesk.examples.notes;

import java.util.Objects;

import org.peerdesk.core.PeerdeskException;
import org.peerdesk.identity.Signatures;

/**
 * A note's description as its owner signed it, with the owner's public key: any member passes it on, and every node
 * checks that the owner wrote it, so that a member reached only through another learns who may edit the note, and no
 * member can change that.
 */
record SignedNote(Note note, byte[] ownerKey, byte[] signature) {

    static final int MAX_KEY_BYTES = 128;
    static final int MAX_SIGNATURE_BYTES = 128;

    /** Signs for this node, the owner. */
    interface Signer {
        byte[] publicKey();

        byte[] sign(byte[] data) throws PeerdeskException;
    }

    SignedNote {
        Objects.requireNonNull(note, "note");
        ownerKey = ownerKey.clone();
        signature = signature.clone();
    }

    static SignedNote of(Note note, Signer owner) throws PeerdeskException {
        return new SignedNote(note, owner.publicKey(), owner.sign(NotesWire.signed(note)));
    }

    /** Whether the note's owner signed this description. */
    boolean valid() {
        return Signatures.verify(note.owner(), ownerKey, NotesWire.signed(note), signature);
    }

    @Override
    public byte[] ownerKey() {
        return ownerKey.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedNote that && note.equals(that.note) && java.util.Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return note.hashCode();
    }
}
