package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.Transfer;

/**
 * A download whose attempt finds its peer away waits for it; when the peer connects while that attempt still runs, or
 * is connected by the time it ends, the download goes on by itself (the peer's arrival alone would start nothing).
 */
class TransferPeerBackTest extends TransferPairTest {

    /** Released to let the first attempt's stream fail, as when the peer had just gone. */
    final CountDownLatch firstAttemptFails = new CountDownLatch(1);
    final CountDownLatch firstAttemptWaits = new CountDownLatch(1);
    final AtomicBoolean connected = new AtomicBoolean();

    /** The first stream the asker opens waits, then fails, as when the peer had just gone. */
    @Override
    Connector connector() {
        return new ForwardingConnector(asker.connectorTo(owner)) {
            @Override
            public FilesClient open(PeerId peer) throws IOException {
                if (first()) {
                    firstAttemptWaits.countDown();
                    try {
                        firstAttemptFails.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("Not connected to " + peer.shortForm());
                }
                return super.open(peer);
            }

            @Override
            public List<PeerId> connected() {
                return connected.get() ? List.of(owner.id) : List.of();
            }
        };
    }

    @Override
    void prepare() throws Exception {
        owner.indexedShare("docs", "a.txt");
    }

    @Test
    void aPeerThatConnectsWhileTheAttemptRunsIsNotMissed() throws Exception {
        Transfer download = transfers.download(owner.id, "docs/a.txt", Optional.empty());
        firstAttemptWaits.await(30, TimeUnit.SECONDS);
        transfers.peerConnected(owner.id); // told while the attempt still runs, and finds the peer away
        firstAttemptFails.countDown();
        assertEquals(Transfer.State.DONE, events.ended(download.id()).state());
        assertEquals("first a.txt", Files.readString(home.resolve("downloads/a.txt")));
    }

    @Test
    void anAttemptThatFoundThePeerAwayWhileItIsConnectedGoesAgain() throws Exception {
        Transfer download = transfers.download(owner.id, "docs/a.txt", Optional.empty());
        firstAttemptWaits.await(30, TimeUnit.SECONDS);
        connected.set(true); // the peer refused the stream while it started up, say, and no arrival is told
        firstAttemptFails.countDown();
        assertEquals(Transfer.State.DONE, events.ended(download.id()).state());
    }
}
