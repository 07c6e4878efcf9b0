package org.peerdesk.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.identity.core.LocalIdentity;
import org.peerdesk.transport.PeerAddress;

/**
 * The JDK's TLS engine takes {@link TlsEngines#RECORD_DATA} bytes into a record, so that a full DATA
 * frame is four records with nothing left over to copy together with the next. A JDK that fills
 * records differently fails here, not in the field, where it would only cost copies.
 */
class TlsRecordsTest {

    @TempDir
    Path home;

    @Test
    void aFullFrameIsFourWholeRecords() throws Exception {
        LocalIdentity server = LocalIdentity.inFolder(home.resolve("server"));
        LocalIdentity client = LocalIdentity.inFolder(home.resolve("client"));
        SSLEngine accepting = new TlsEngines(server, Clock.systemUTC()).server();
        SSLEngine dialing = new TlsEngines(client, Clock.systemUTC()).client(server.peerId(), new PeerAddress("127.0.0.1", 22070));
        handshake(dialing, accepting);

        ByteBuffer frame = ByteBuffer.allocate(FrameCodec.OVERHEAD + MultiplexedStream.MAX_DATA);
        ByteBuffer wire = ByteBuffer.allocate(1 << 20);
        for (int record = 0; record < 4; record++) {
            SSLEngineResult result = dialing.wrap(frame, wire);
            assertEquals(TlsEngines.RECORD_DATA, result.bytesConsumed(), "record " + record);
        }
        assertFalse(frame.hasRemaining(), frame.remaining() + " bytes left for a record of their own");
    }

    /** Runs both engines' handshake in memory. */
    private static void handshake(SSLEngine client, SSLEngine server) throws Exception {
        ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
        ByteBuffer ignored = ByteBuffer.allocate(1 << 16);
        ByteBuffer nothing = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 100 && !(done(client) && done(server)); round++) {
            if (client.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                client.wrap(nothing, toServer);
            }
            if (server.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                server.wrap(nothing, toClient);
            }
            toServer.flip();
            server.unwrap(toServer, ignored.clear());
            toServer.compact();
            runTasks(server);
            toClient.flip();
            client.unwrap(toClient, ignored.clear());
            toClient.compact();
            runTasks(client);
        }
        assertEquals(HandshakeStatus.NOT_HANDSHAKING, client.getHandshakeStatus());
    }

    private static boolean done(SSLEngine engine) {
        return engine.getHandshakeStatus() == HandshakeStatus.NOT_HANDSHAKING;
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task; (task = engine.getDelegatedTask()) != null;) {
            task.run();
        }
    }
}
