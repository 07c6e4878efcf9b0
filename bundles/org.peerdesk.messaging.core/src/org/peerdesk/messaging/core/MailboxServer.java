package org.peerdesk.messaging.core;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.messaging.core.MailboxWire.Held;
import org.peerdesk.transport.Stream;

/**
 * This node as other peers' mailbox: it keeps sealed mail for peers that chose it (their hello says
 * so) and hands each recipient its own mail, and nobody else's. It cannot read the mail. As a group's
 * creator it also takes its members' envelopes to pass on to members they cannot reach (see {@link GroupCarrier}).
 */
final class MailboxServer {

    private final Mailroom room;
    private final Inbox.Gate gate;
    private final Clock clock;

    MailboxServer(Mailroom room, Inbox.Gate gate, Clock clock) {
        this.room = room;
        this.gate = gate;
        this.clock = clock;
    }

    void serve(Stream stream) throws IOException, MessagingException {
        PeerId asker = stream.peer();
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream.input()));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream.output()));
        for (int op = in.read(); op >= 0; op = in.read()) {
            switch (op) {
                case MailboxWire.DEPOSIT, MailboxWire.DEPOSIT_UNTIL -> {
                    MessagesWire.writeVerdict(out, deposit(asker, MailboxWire.readDeposit(in, op)));
                    out.flush();
                }
                case MailboxWire.FETCH -> {
                    List<MailboxRows.Item> items = room.transact(connection -> MailboxRows.items(connection, asker, MailboxWire.MAX_BATCH,
                            clock.instant()));
                    MailboxWire.writeHeld(out, items.stream().map(item -> new Held(item.seq(), item.mail())).toList());
                }
                case MailboxWire.TAKEN -> {
                    List<Long> seqs = MailboxWire.readTaken(in);
                    room.transact(connection -> {
                        MailboxRows.take(connection, asker, seqs);
                        return null;
                    });
                    MessagesWire.writeVerdict(out, Verdict.STORED);
                    out.flush();
                }
                case MailboxWire.PASS_ON -> {
                    PeerId recipient = MailboxWire.readPeer(in);
                    byte[] envelope = MailboxWire.readEnvelope(in);
                    MessagesWire.writeVerdict(out, passOn(asker, recipient, envelope));
                    out.flush();
                }
                default -> throw new IOException("unknown mailbox operation " + op + " from " + asker.shortForm());
            }
        }
    }

    private Verdict deposit(PeerId depositor, MailboxWire.Deposit deposit) throws MessagingException {
        PeerId recipient = deposit.recipient();
        Optional<String> refusal = room.transact(connection -> {
            boolean chosen = HelloRows.hello(connection, recipient).flatMap(Envelope.Hello::mailbox)
                    .filter(room.self.id()::equals).isPresent();
            if (!chosen) {
                return Optional.of(recipient.shortForm() + " does not use this node as its mailbox");
            }
            return MailboxRows.deposit(connection, recipient, depositor, deposit.mail(), clock.instant(), deposit.until());
        });
        return refusal.map(Verdict::later).orElse(Verdict.STORED);
    }

    private Verdict passOn(PeerId author, PeerId recipient, byte[] envelope) throws MessagingException {
        Verdict verdict = room.transact(connection -> GroupCarrier.take(connection, room.self.id(), author, recipient, envelope));
        switch (verdict.kind()) {
            case STORED -> room.wake.accept(recipient);
            case REFUSED -> gate.dropped(author, "refused to pass on an envelope for " + recipient.shortForm() + ": " + verdict.reason());
            case LATER -> { }
        }
        return verdict;
    }

    /** Drops mail that waited longer than its recipient will ever come back for it, and mail whose time came. */
    void purge() throws MessagingException {
        room.transact(connection -> MailboxRows.purge(connection, clock.instant()));
    }
}
