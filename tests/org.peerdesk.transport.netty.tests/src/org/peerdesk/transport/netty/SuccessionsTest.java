package org.peerdesk.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.spi.SuccessionRecord;

/**
 * A peer's identity on a machine older than one it was seen on is refused; what a peer says of this node's own identity
 * counts only when it names a newer machine; and a record that comes up late (with the database) still learns it.
 */
class SuccessionsTest {

    private static final PeerId SELF = peer(1);
    private static final PeerId ANA = peer(2);

    private final Map<PeerId, Integer> recorded = new ConcurrentHashMap<>();
    private final AtomicReference<SuccessionRecord> record = new AtomicReference<>();
    private final Successions successions = new Successions(SELF, 1, () -> Optional.ofNullable(record.get()), Runnable::run);

    @Test
    void anIdentityOnAnOlderMachineThanOneSeenIsRefused() {
        assertEquals(OptionalInt.empty(), successions.newerThan(ANA, 0));
        assertEquals(OptionalInt.empty(), successions.newerThan(ANA, 2));
        assertEquals(OptionalInt.of(2), successions.newerThan(ANA, 1));
        assertEquals(OptionalInt.of(2), successions.newerThan(ANA, 0));
        assertEquals(OptionalInt.empty(), successions.newerThan(ANA, 2), "the same machine again");
    }

    @Test
    void onlyANewerMachineOfThisNodesIdentitySupersedesThisOneWhichFromThenOnSpeaksForItNoMore() {
        assertFalse(successions.supersedesThisMachine(0));
        assertFalse(successions.supersedesThisMachine(1));
        assertEquals(Optional.empty(), successions.retired());
        assertTrue(successions.supersedesThisMachine(2));
        assertEquals(Optional.of("this machine speaks for its node no more: the node's identity runs on machine 2 now, one that took"
                + " its place from a backup"), successions.retired());
    }

    @Test
    void aRecordThatComesUpLateLearnsWhatIsSeenAgain() {
        assertTrue(successions.supersedesThisMachine(2));
        assertEquals(OptionalInt.empty(), successions.newerThan(ANA, 3));
        record.set(record());
        assertTrue(successions.retired().isPresent());
        assertEquals(2, recorded.get(SELF), "a retired machine is told no more, so the record learns as it looks whether it is");
        assertEquals(OptionalInt.of(3), successions.newerThan(ANA, 1), "refused from memory though the record does not know yet");
        assertEquals(OptionalInt.empty(), successions.newerThan(ANA, 3));
        assertEquals(List.of(2, 3), List.of(recorded.get(SELF), recorded.get(ANA)));
    }

    @Test
    void aRecordThatComesUpLateIsToldAtOnceWhatWasSeenBefore() {
        assertTrue(successions.supersedesThisMachine(2)); // a peer refused this machine as the node dialed at its start
        assertEquals(OptionalInt.empty(), successions.newerThan(ANA, 3));
        record.set(record());
        successions.recordUp();
        assertEquals(Map.of(SELF, 2, ANA, 3), recorded, "without waiting for the next dial, which a refused machine makes minutes later");
    }

    private SuccessionRecord record() {
        return new SuccessionRecord() {
            @Override
            public int newest(PeerId peer) {
                return recorded.getOrDefault(peer, 0);
            }

            @Override
            public void saw(PeerId peer, int succession) {
                recorded.put(peer, succession);
            }
        };
    }

    private static PeerId peer(int n) {
        byte[] bytes = new byte[32];
        bytes[0] = (byte) n;
        return new PeerId(bytes);
    }
}
