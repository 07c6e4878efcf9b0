package org.peerdesk.messaging.core;

import java.io.DataInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Attachment;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Forwarded;
import org.peerdesk.messaging.MessageContent;
import org.peerdesk.messaging.core.Envelope.Hello;
import org.peerdesk.messaging.core.Envelope.Leave;
import org.peerdesk.messaging.core.Envelope.Members;
import org.peerdesk.messaging.core.Envelope.Names;
import org.peerdesk.messaging.core.Envelope.Receipt;
import org.peerdesk.messaging.core.Envelope.Text;
import org.peerdesk.testing.WireFuzz;

/**
 * What a peer or a mailbox sends in the messaging protocols, broken in every way {@link WireFuzz} knows: signed
 * envelopes of every kind (their payloads are read before the signature is checked), the frames around them, the
 * verdicts, and a mailbox's batches are taken or refused with a reason, never met with an unchecked exception.
 */
class MessagingWireFuzzTest {

    private static final int ROUNDS = 20_000;

    private final SigningKey ana = new SigningKey();
    private final SigningKey ben = new SigningKey();

    @Test
    void signedEnvelopesOfEveryKind() throws Exception {
        ConversationId team = ConversationId.random();
        long clock = System.currentTimeMillis() << HybridClock.COUNTER_BITS;
        List<Envelope.Payload> payloads = List.of(new Text("the report is ready", List.of(new Attachment(1234, "docs/report.pdf"))),
                new Text("Poll: lunch?", List.of(), Optional.of(new MessageContent.Typed("org.example.polls/poll", "lunch?|pizza|sushi"))),
                new Members("Team", List.of(ana.id, ben.id)), new Members("Team", List.of(ana.id), Optional.of(ben.id)), new Leave(),
                new Receipt(true, List.of(Envelopes.newId(), Envelopes.newId())), new Hello(new byte[44], Optional.of(ben.id)),
                new Names(Map.of(ben.id, "Ben", ana.id, "Ana")), new Envelope.Amend(Envelopes.newId(), Optional.of("the report is late")),
                new Envelope.Amend(Envelopes.newId(), Optional.empty()),
                new Envelope.Amend(Envelopes.newId(), Optional.of("@ben the report is late"), Optional.of(List.of(ben.id))),
                new Text("agreed", List.of(), Optional.empty(), Optional.of(Envelopes.newId())),
                new Envelope.React(Envelopes.newId(), "\uD83D\uDC4D"), new Envelope.React(Envelopes.newId(), ""),
                new Text("@ben agreed", List.of(), Optional.empty(), Optional.of(Envelopes.newId()), List.of(ben.id, ana.id)),
                new Text("the plan", List.of(new Attachment(8, "attachments/plan.txt")), new Forwarded(ben.id, "Ben")));
        List<byte[]> contents = payloads.stream()
                .map(payload -> Envelopes.content(new Envelope(Envelopes.newId(), team, ana.id, clock, payload), ana.publicKey)).toList();
        List<byte[]> signed = BatchSignatures.sign(contents, ana::sign);
        WireFuzz.check("an envelope", signed, Envelopes::open, 11, ROUNDS);
    }

    @Test
    void framesVerdictsAndMailboxBatches() {
        byte[] envelope = new byte[300];
        WireFuzz.check("an envelope's frame", List.of(WireFuzz.bytes(out -> MessagesWire.writeEnvelope(out, envelope))),
                input -> MessagesWire.readEnvelope(WireFuzz.data(input)), 12, ROUNDS);
        WireFuzz.check("a verdict", List.of(WireFuzz.bytes(out -> MessagesWire.writeVerdict(out, Verdict.STORED)),
                WireFuzz.bytes(out -> MessagesWire.writeVerdict(out, Verdict.refused("no message right")))),
                input -> MessagesWire.readVerdict(WireFuzz.data(input)), 13, ROUNDS);
        WireFuzz.check("a mailbox's batch", List.of(WireFuzz.bytes(out -> MailboxWire.writeHeld(out,
                List.of(new MailboxWire.Held(7, new byte[200]), new MailboxWire.Held(9, new byte[90]))))),
                input -> MailboxWire.readHeld(WireFuzz.data(input)), 14, ROUNDS);
        WireFuzz.check("what a mailbox is told was taken", List.of(WireFuzz.bytes(out -> {
            MailboxWire.writeTaken(out, List.of(7L, 9L));
        })), input -> {
            DataInputStream in = WireFuzz.data(input);
            in.readByte();
            MailboxWire.readTaken(in);
        }, 15, ROUNDS);
        WireFuzz.check("a deposit", List.of(
                WireFuzz.bytes(out -> MailboxWire.writeDeposit(out, PeerId.ofPublicKey(ben.publicKey), new byte[120], Optional.empty())),
                WireFuzz.bytes(out -> MailboxWire.writeDeposit(out, ben.id, new byte[80], Optional.of(Instant.ofEpochMilli(1_700_000_000_000L))))),
                input -> {
                    DataInputStream in = WireFuzz.data(input);
                    MailboxWire.readDeposit(in, in.readByte());
                }, 16, ROUNDS);
        WireFuzz.check("an envelope to pass on", List.of(WireFuzz.bytes(out -> MailboxWire.writePassOn(out, ben.id, envelope))),
                input -> {
                    DataInputStream in = WireFuzz.data(input);
                    in.readByte();
                    MailboxWire.readPeer(in);
                    MailboxWire.readEnvelope(in);
                }, 17, ROUNDS);
    }
}
