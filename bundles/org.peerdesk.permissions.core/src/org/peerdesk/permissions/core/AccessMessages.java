package org.peerdesk.permissions.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.GrantTerms;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.transport.ProtocolId;

/**
 * The messages of {@code /peerdesk/access/1}, one per stream: an asker's request, or an owner's
 * answer to one; the receiver replies with a status byte and, when it refuses, the reason. Every
 * field is checked on reading; nothing from the wire is trusted.
 */
final class AccessMessages {

    static final ProtocolId PROTOCOL = ProtocolId.of("/peerdesk/access/1");
    static final int RECEIVED = 0;
    static final int REFUSED = 1;
    private static final int ASK = 1;
    private static final int ANSWER = 2;
    private static final int MAX_REFERENCE = 64;

    sealed interface Message permits Ask, Answer {
        String reference();
    }

    record Ask(String reference, GrantTerms terms, String note) implements Message {
    }

    record Answer(String reference, boolean approved, Optional<GrantTerms> granted) implements Message {
    }

    private AccessMessages() {
    }

    static void write(DataOutputStream out, Message message) throws IOException {
        switch (message) {
            case Ask ask -> {
                out.writeByte(ASK);
                out.writeUTF(ask.reference());
                writeTerms(out, ask.terms());
                out.writeUTF(ask.note());
            }
            case Answer answer -> {
                out.writeByte(ANSWER);
                out.writeUTF(answer.reference());
                out.writeBoolean(answer.approved());
                if (answer.approved()) {
                    writeTerms(out, answer.granted().orElseThrow());
                }
            }
        }
        out.flush();
    }

    static Message read(DataInputStream in) throws IOException, InvalidInputException {
        int type = in.readUnsignedByte();
        String reference = in.readUTF();
        if (reference.isEmpty() || reference.length() > MAX_REFERENCE || !reference.matches("[A-Za-z0-9-]+")) {
            throw new InvalidInputException("a request reference must be up to " + MAX_REFERENCE + " letters, digits or '-'");
        }
        return switch (type) {
            case ASK -> {
                GrantTerms terms = readTerms(in);
                String note = in.readUTF();
                if (note.length() > AccessRequest.MAX_NOTE) {
                    throw new InvalidInputException("the note is longer than " + AccessRequest.MAX_NOTE + " characters");
                }
                yield new Ask(reference, terms, note);
            }
            case ANSWER -> {
                boolean approved = in.readBoolean();
                yield new Answer(reference, approved, approved ? Optional.of(readTerms(in)) : Optional.empty());
            }
            default -> throw new InvalidInputException("unknown access message type " + type);
        };
    }

    static void reply(DataOutputStream out, Optional<String> refusal) throws IOException {
        out.writeByte(refusal.isPresent() ? REFUSED : RECEIVED);
        out.writeUTF(refusal.orElse(""));
        out.flush();
    }

    /** Reads the receiver's reply; empty when it took the message, else its reason for refusing. */
    static Optional<String> readReply(DataInputStream in) throws IOException {
        int status = in.readUnsignedByte();
        String reason = in.readUTF();
        return status == RECEIVED ? Optional.empty() : Optional.of(reason.isBlank() ? "refused" : reason);
    }

    static void writeTerms(DataOutputStream out, GrantTerms terms) throws IOException {
        out.writeUTF(terms.resource().toString());
        out.writeUTF(Right.format(terms.rights()));
        out.writeLong(terms.expires().map(Instant::toEpochMilli).orElse(-1L));
        out.writeLong(terms.quotaBytes().orElse(-1L));
    }

    static GrantTerms readTerms(DataInputStream in) throws IOException, InvalidInputException {
        Resource resource = Resource.parse(in.readUTF());
        String rights = in.readUTF();
        long expires = in.readLong();
        long quota = in.readLong();
        if (expires < -1 || quota < -1 || quota == 0) {
            throw new InvalidInputException("a negative expiry or quota");
        }
        return new GrantTerms(resource, Right.parseAll(rights),
                expires < 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(expires)),
                quota < 0 ? OptionalLong.empty() : OptionalLong.of(quota)).checked();
    }
}
