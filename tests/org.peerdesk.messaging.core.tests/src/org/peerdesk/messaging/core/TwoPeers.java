package org.peerdesk.messaging.core;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.messaging.ConversationId;

/** Tests of two peers, ana and ben, on a test network, not yet connected, and ana's conversation with ben. */
abstract class TwoPeers {

    @TempDir
    Path home;

    TestNetwork network;
    TestPeer ana;
    TestPeer ben;
    ConversationId chat;

    @BeforeEach
    void peers() throws Exception {
        network = new TestNetwork();
        ana = new TestPeer("ana", home, network);
        ben = new TestPeer("ben", home, network);
        chat = ana.messenger().direct(ben.id()).id();
    }

    @AfterEach
    void close() {
        network.close();
        ana.close();
        ben.close();
    }
}
