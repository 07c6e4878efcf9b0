package org.peerdesk.messaging.core;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.MessagingException;
import org.peerdesk.transport.Stream;

/**
 * Serves a peer's messages stream: takes its envelopes in batches (as many as have arrived, up to a
 * limit), stores each batch in one transaction, then answers each envelope in order.
 */
final class MessagesServer {

    static final int MAX_BATCH = 500;

    private final Inbox inbox;
    private final Pace pace;

    MessagesServer(Inbox inbox, Pace pace) {
        this.inbox = inbox;
        this.pace = pace;
    }

    void serve(Stream stream) throws IOException, MessagingException, InterruptedException {
        PeerId peer = stream.peer();
        DataInputStream in = new DataInputStream(new BufferedInputStream(stream.input(), 64 * 1024));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream.output()));
        while (true) {
            List<byte[]> batch = new ArrayList<>();
            byte[] envelope = MessagesWire.readEnvelope(in);
            if (envelope == null) {
                return;
            }
            batch.add(envelope);
            while (batch.size() < MAX_BATCH && in.available() > 0) {
                envelope = MessagesWire.readEnvelope(in);
                if (envelope == null) {
                    break;
                }
                batch.add(envelope);
            }
            pace.take(peer, batch.size());
            for (Verdict verdict : inbox.accept(new Inbox.Direct(peer), batch)) {
                MessagesWire.writeVerdict(out, verdict);
            }
            out.flush();
            if (envelope == null) {
                return;
            }
        }
    }
}
