package org.peerdesk.messaging.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * The {@value #PROTOCOL} protocol, spoken with a peer that holds sealed mail for others:
 * <pre>
 * DEPOSIT recipient (32), mail length (int), mail   -> verdict
 * DEPOSIT_UNTIL recipient (32), until (long, epoch ms), mail length (int), mail -> verdict
 * FETCH                                             -> count (int), count x (seq (long), length (int), mail)
 * TAKEN count (int), count x seq (long)             -> verdict
 * PASS_ON recipient (32), length (int), envelope    -> verdict
 * </pre>
 * FETCH and TAKEN only ever concern the mail addressed to the peer that asks. PASS_ON hands a group's
 * creator one of the asker's own signed envelopes for a member the asker cannot reach (see {@link GroupCarrier}).
 * DEPOSIT_UNTIL, new in version 2, leaves mail that the mailbox drops, fetched or not, once its time comes: a message
 * set to disappear then (see {@link Disappearing}); the mailbox, which cannot read the mail, learns only that time.
 */
final class MailboxWire {

    static final String PROTOCOL = "/peerdesk/mailbox/2";
    /** The version before mail could be left until a time, which a node still speaks with peers that know no other. */
    static final String FIRST_PROTOCOL = "/peerdesk/mailbox/1";
    static final byte DEPOSIT = 1;
    static final byte FETCH = 2;
    static final byte TAKEN = 3;
    static final byte PASS_ON = 4;
    static final byte DEPOSIT_UNTIL = 5;
    static final int MAX_BATCH = 100;

    /** Mail left for {@code recipient}, to be dropped at {@code until} where that is given. */
    record Deposit(PeerId recipient, Optional<Instant> until, byte[] mail) {
    }

    /** Mail as the mailbox hands it out. */
    record Held(long seq, byte[] mail) {
    }

    private MailboxWire() {
    }

    /** Leaves {@code mail} for {@code recipient}, to be dropped at {@code until} where that is given (version 2 only). */
    static void writeDeposit(DataOutputStream out, PeerId recipient, byte[] mail, Optional<Instant> until) throws IOException {
        if (until.isEmpty()) {
            writeFor(out, DEPOSIT, recipient, mail);
            return;
        }
        out.writeByte(DEPOSIT_UNTIL);
        out.write(recipient.bytes());
        out.writeLong(until.get().toEpochMilli());
        writeBytes(out, mail);
    }

    static void writePassOn(DataOutputStream out, PeerId recipient, byte[] envelope) throws IOException {
        writeFor(out, PASS_ON, recipient, envelope);
    }

    private static void writeFor(DataOutputStream out, byte operation, PeerId recipient, byte[] bytes) throws IOException {
        out.writeByte(operation);
        out.write(recipient.bytes());
        writeBytes(out, bytes);
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
        out.flush();
    }

    /** A deposit as the mailbox reads it, after its {@code operation} byte (DEPOSIT or DEPOSIT_UNTIL). */
    static Deposit readDeposit(DataInputStream in, int operation) throws IOException {
        PeerId recipient = readPeer(in);
        Optional<Instant> until = operation == DEPOSIT_UNTIL ? Optional.of(Instant.ofEpochMilli(in.readLong())) : Optional.empty();
        return new Deposit(recipient, until, readMail(in));
    }

    static byte[] readMail(DataInputStream in) throws IOException {
        return readBytes(in, SealedMail.MAX_BYTES, "mail");
    }

    static byte[] readEnvelope(DataInputStream in) throws IOException {
        return readBytes(in, Envelopes.MAX_BYTES, "an envelope");
    }

    private static byte[] readBytes(DataInputStream in, int max, String what) throws IOException {
        int length = in.readInt();
        if (length <= 0 || length > max) {
            throw new IOException(what + " of " + length + " bytes is over the limit of " + max);
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return bytes;
    }

    static PeerId readPeer(DataInputStream in) throws IOException {
        byte[] id = new byte[PeerId.LENGTH];
        in.readFully(id);
        return new PeerId(id);
    }

    static void writeHeld(DataOutputStream out, List<Held> held) throws IOException {
        out.writeInt(held.size());
        for (Held each : held) {
            out.writeLong(each.seq());
            out.writeInt(each.mail().length);
            out.write(each.mail());
        }
        out.flush();
    }

    static List<Held> readHeld(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_BATCH) {
            throw new IOException("the mailbox offered " + count + " items at once, over the limit of " + MAX_BATCH);
        }
        List<Held> held = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long seq = in.readLong();
            held.add(new Held(seq, readMail(in)));
        }
        return held;
    }

    static void writeTaken(DataOutputStream out, List<Long> seqs) throws IOException {
        out.writeByte(TAKEN);
        out.writeInt(seqs.size());
        for (long seq : seqs) {
            out.writeLong(seq);
        }
        out.flush();
    }

    static List<Long> readTaken(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_BATCH) {
            throw new IOException("TAKEN names " + count + " items, over the limit of " + MAX_BATCH);
        }
        List<Long> seqs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            seqs.add(in.readLong());
        }
        return seqs;
    }
}
