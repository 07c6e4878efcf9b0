package org.peerdesk.messaging.core;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.messaging.Conversation;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.Message;

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

    /**
     * {@code peer}'s node gone, and back with its identity only, a new, empty database ("NAME-again"), connected to
     * {@code friends}: as a node whose machine was lost, taken over on another.
     */
    TestPeer lost(TestPeer peer, TestPeer... friends) throws Exception {
        network.disconnectAll(peer);
        peer.close();
        TestPeer again = new TestPeer(peer.name + "-again", home, network, peer.key);
        for (TestPeer friend : friends) {
            network.connect(again, friend);
            network.connect(friend, again);
        }
        return again;
    }

    /** Hands ben envelopes as if ana's node had sent them, in one batch. */
    List<Verdict> fromAna(byte[]... envelopes) throws Exception {
        return ben.messaging.inbox.accept(new Inbox.Direct(ana.id()), List.of(envelopes));
    }

    /** Hands ben one envelope as if ana's node had sent it. */
    Verdict oneFromAna(byte[] envelope) throws Exception {
        return fromAna(envelope).get(0);
    }

    /** The message {@code id} as {@code peer} has it, in any of its conversations. */
    static Message message(TestPeer peer, String id) throws Exception {
        for (Conversation conversation : peer.messenger().conversations()) {
            for (Message message : peer.messenger().latest(conversation.id(), 100)) {
                if (message.id().equals(id)) {
                    return message;
                }
            }
        }
        throw new AssertionError(peer.name + " has no message " + id);
    }

    /** Where {@code part} starts in {@code bytes}. */
    static int indexOf(byte[] bytes, byte[] part) {
        for (int i = 0; i + part.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    @AfterEach
    void close() {
        network.close();
        ana.close();
        ben.close();
    }
}
