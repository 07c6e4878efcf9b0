package org.peerdesk.messaging.core;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * What the fetches from this node's mailbox found: when it last answered, when mail last came through
 * it and how much, and why the last attempt failed if it did. Kept with this node's settings, so a
 * user who wonders whether the mailbox works learns it after a restart too; a record names its
 * mailbox, so it says nothing about the next one.
 */
final class MailFetches {

    record Outcome(Optional<Instant> checked, Optional<Instant> lastMail, int lastMailCount, Optional<String> problem) {

        static final Outcome NONE = new Outcome(Optional.empty(), Optional.empty(), 0, Optional.empty());
    }

    private static final String SETTING = "mailbox.fetches";
    private static final int FORMAT = 1;
    /** Long enough for any reason the transport gives; the settings' column holds 4 KiB. */
    private static final int MAX_PROBLEM_CHARS = 500;
    private static final long NEVER = -1;

    private MailFetches() {
    }

    /** What the fetches from {@code box} found; none if the record is of another mailbox. */
    static Outcome read(Connection connection, PeerId box) throws SQLException {
        Optional<byte[]> stored = HelloRows.setting(connection, SETTING);
        return stored.isEmpty() ? Outcome.NONE : decode(stored.get(), box);
    }

    /** {@code box} answered at {@code when} and handed over {@code pieces} pieces of mail (none, usually). */
    static void answered(Connection connection, PeerId box, Instant when, int pieces) throws SQLException {
        Outcome before = read(connection, box);
        Outcome after = pieces > 0 ? new Outcome(Optional.of(when), Optional.of(when), pieces, Optional.empty())
                : new Outcome(Optional.of(when), before.lastMail(), before.lastMailCount(), Optional.empty());
        write(connection, box, after);
    }

    static void failed(Connection connection, PeerId box, String problem) throws SQLException {
        Outcome before = read(connection, box);
        String shown = problem.length() > MAX_PROBLEM_CHARS ? problem.substring(0, MAX_PROBLEM_CHARS) + "..." : problem;
        write(connection, box, new Outcome(before.checked(), before.lastMail(), before.lastMailCount(), Optional.of(shown)));
    }

    private static void write(Connection connection, PeerId box, Outcome outcome) throws SQLException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.write(box.bytes());
            out.writeLong(outcome.checked().map(Instant::toEpochMilli).orElse(NEVER));
            out.writeLong(outcome.lastMail().map(Instant::toEpochMilli).orElse(NEVER));
            out.writeInt(outcome.lastMailCount());
            out.writeUTF(outcome.problem().orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory only
        }
        HelloRows.setSetting(connection, SETTING, Optional.of(bytes.toByteArray()));
    }

    /** A record this build cannot read (damaged, or from a newer one) reads as none: it only tells, and the next fetch rewrites it. */
    private static Outcome decode(byte[] stored, PeerId box) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            if (in.readUnsignedByte() != FORMAT || !Arrays.equals(in.readNBytes(box.bytes().length), box.bytes())) {
                return Outcome.NONE;
            }
            Optional<Instant> checked = instant(in.readLong());
            Optional<Instant> lastMail = instant(in.readLong());
            int count = in.readInt();
            String problem = in.readUTF();
            return new Outcome(checked, lastMail, count, problem.isEmpty() ? Optional.empty() : Optional.of(problem));
        } catch (IOException e) {
            return Outcome.NONE;
        }
    }

    private static Optional<Instant> instant(long millis) {
        return millis == NEVER ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }
}
