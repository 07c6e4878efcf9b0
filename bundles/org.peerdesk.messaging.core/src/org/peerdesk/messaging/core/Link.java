package org.peerdesk.messaging.core;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

import org.peerdesk.messaging.core.OutboxRows.Item;
import org.peerdesk.transport.Stream;

/**
 * One open messages stream to a recipient. Envelopes go out back to back without waiting; a reader
 * on its own thread matches the verdicts, which come back in the same order, to what was sent and
 * hands them over in batches. Once broken, a link stays broken: the courier opens a new one and
 * sends again whatever was not answered.
 */
final class Link {

    /** Something sent and not yet answered: an outbox item, or the hello (no item). */
    record Sent(Optional<Item> item) {
    }

    /** Verdicts for what was sent, in order. */
    interface Answers {
        void answered(Link link, List<Sent> sent, List<Verdict> verdicts);

        void broken(Link link, Exception cause);
    }

    private final Stream stream;
    private final DataOutputStream out;
    private final ConcurrentLinkedQueue<Sent> unanswered = new ConcurrentLinkedQueue<>();
    private volatile long sentUpTo;
    private volatile boolean broken;

    Link(Stream stream, Answers answers, Executor readers) {
        this.stream = stream;
        this.out = new DataOutputStream(new BufferedOutputStream(stream.output(), 64 * 1024));
        readers.execute(() -> read(answers));
    }

    synchronized void sendHello(byte[] hello) throws IOException {
        unanswered.add(new Sent(Optional.empty()));
        MessagesWire.writeEnvelope(out, hello);
        out.flush();
    }

    /** Sends items, all after what this link sent before. */
    synchronized void send(List<Item> items) throws IOException {
        for (Item item : items) {
            unanswered.add(new Sent(Optional.of(item)));
            MessagesWire.writeEnvelope(out, item.envelope());
            sentUpTo = item.seq();
        }
        out.flush();
    }

    long sentUpTo() {
        return sentUpTo;
    }

    boolean broken() {
        return broken;
    }

    void close() {
        broken = true;
        stream.reset();
    }

    private void read(Answers answers) {
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream.input()));
        try {
            while (true) {
                List<Sent> sent = new ArrayList<>();
                List<Verdict> verdicts = new ArrayList<>();
                do {
                    Verdict verdict = MessagesWire.readVerdict(in);
                    Sent answered = unanswered.poll();
                    if (answered == null) {
                        throw new IOException("the peer answered more envelopes than were sent");
                    }
                    sent.add(answered);
                    verdicts.add(verdict);
                } while (in.available() > 0 && sent.size() < 1000);
                answers.answered(this, sent, verdicts);
            }
        } catch (IOException | RuntimeException e) {
            broken = true;
            stream.reset();
            answers.broken(this, e);
        }
    }
}
