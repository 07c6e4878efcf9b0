package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.Transfer;
import org.peerdesk.transport.ConnectionClosedException;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;

/**
 * A download whose stream's connection closes while the peer stays connected (a newer connection with it took that
 * one's place) goes on over a new stream: the loss of one connection is no failure of the download.
 */
class TransferConnectionLossTest extends TransferPairTest {

    private int answersBeforeTheDrop;

    @Override
    Connector connector() {
        return new ForwardingConnector(asker.connectorTo(owner)) {
            @Override
            public FilesClient open(PeerId peer) throws IOException {
                return first() ? new FilesClient(new DroppingStream(owner.serveFiles(asker.id), answersBeforeTheDrop))
                        : super.open(peer);
            }
        };
    }

    @Override
    void prepare() throws Exception {
        owner.indexedShare("docs", "a.txt");
    }

    @Test
    void aConnectionLostBeforeTheFileListCameIsNoFailure() throws Exception {
        downloadsDespiteADropAfter(0);
    }

    @Test
    void aConnectionLostWhileTheBlocksComeIsNoFailure() throws Exception {
        downloadsDespiteADropAfter(1);
    }

    private void downloadsDespiteADropAfter(int answers) throws Exception {
        answersBeforeTheDrop = answers;
        Transfer download = transfers.download(owner.id, "docs/a.txt", Optional.empty());
        Transfer ended = events.ended(download.id());
        assertEquals(Transfer.State.DONE, ended.state(), () -> "" + ended.problem());
        assertEquals("first a.txt", Files.readString(home.resolve("downloads/a.txt")));
    }

    /**
     * A stream whose connection closes after the peer answered {@code answers} requests: a request is what is written
     * after an answer was read, and the next read after that many answers fails as a closed connection's does.
     */
    private static final class DroppingStream implements Stream {
        private final Stream real;
        private final int answers;
        private int requests;
        private boolean answering;

        DroppingStream(Stream real, int answers) {
            this.real = real;
            this.answers = answers;
        }

        @Override
        public PeerId peer() {
            return real.peer();
        }

        @Override
        public ProtocolId protocol() {
            return real.protocol();
        }

        @Override
        public InputStream input() {
            return new FilterInputStream(real.input()) {
                @Override
                public int read(byte[] into, int offset, int length) throws IOException {
                    answered();
                    return super.read(into, offset, length);
                }

                @Override
                public int read() throws IOException {
                    answered();
                    return super.read();
                }
            };
        }

        private synchronized void answered() throws ConnectionClosedException {
            answering = true;
            if (requests > answers) {
                throw new ConnectionClosedException("The stream's connection closed: duplicate connection");
            }
        }

        @Override
        public OutputStream output() {
            return new FilterOutputStream(real.output()) {
                @Override
                public void write(byte[] from, int offset, int length) throws IOException {
                    requested();
                    out.write(from, offset, length);
                }

                @Override
                public void write(int b) throws IOException {
                    requested();
                    out.write(b);
                }
            };
        }

        private synchronized void requested() {
            if (answering || requests == 0) {
                requests++;
                answering = false;
            }
        }

        @Override
        public void reset() {
            real.reset();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
