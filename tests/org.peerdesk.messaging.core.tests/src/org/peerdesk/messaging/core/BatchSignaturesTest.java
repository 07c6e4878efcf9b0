package org.peerdesk.messaging.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.messaging.ConversationId;
import org.peerdesk.messaging.core.Envelope.Text;

class BatchSignaturesTest {

    private final SigningKey ana = new SigningKey();
    private final AtomicInteger signatures = new AtomicInteger();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 63, 64, 65, 130})
    void everyEnvelopeOfABatchOpensAloneAndTheBatchIsSignedOnce(int count) throws Exception {
        List<Envelope> envelopes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            envelopes.add(text("message " + i));
        }
        List<byte[]> signed = BatchSignatures.sign(envelopes.stream().map(envelope -> content(ana, envelope)).toList(), this::sign);

        assertEquals((count + BatchSignatures.MAX_LEAVES - 1) / BatchSignatures.MAX_LEAVES, signatures.get());
        for (int i = 0; i < count; i++) {
            Envelope opened = Envelopes.open(signed.get(i));
            assertEquals(envelopes.get(i).id(), opened.id());
            assertEquals(ana.id, opened.author());
            assertEquals("message " + i, ((Text) opened.payload()).body());
        }
    }

    @Test
    void anyChangeToContentOrProofIsRefused() throws Exception {
        List<byte[]> contents = List.of(content(ana, text("first")), content(ana, text("second")), content(ana, text("third")));
        List<byte[]> signed = BatchSignatures.sign(contents, this::sign);
        byte[] third = signed.get(2);
        int content = contents.get(2).length;

        for (int at : new int[] {content - 3, content + 1, content + 3, content + 10, third.length - 1}) {
            byte[] altered = third.clone();
            altered[at] ^= 1;
            assertThrows(InvalidInputException.class, () -> Envelopes.open(altered), "a change at byte " + at);
        }
        byte[] otherProof = Arrays.copyOf(contents.get(2), content + signed.get(0).length - contents.get(0).length);
        System.arraycopy(signed.get(0), contents.get(0).length, otherProof, content, otherProof.length - content);
        assertThrows(InvalidInputException.class, () -> Envelopes.open(otherProof), "another envelope's proof");
        assertThrows(InvalidInputException.class, () -> Envelopes.open(Arrays.copyOf(third, third.length - 1)));
        assertArrayEquals(contents.get(2), Arrays.copyOf(third, content), "the content goes out as it was made");
    }

    @Test
    void proofsNamingImpossibleLeavesAreRefusedClearly() throws Exception {
        byte[] content = content(ana, text("hello"));
        for (int[] leafOf : new int[][] {{0, 0}, {65, 1}, {3, 3}}) {
            byte[] proof = proof(content, leafOf[0], leafOf[1], sign(content));
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> Envelopes.open(proof));
            assertTrue(refused.getMessage().contains("names leaf"), refused.getMessage());
        }
    }

    @Test
    void aForgedSignatureDoesNotStandInTheWayOfTheGenuineOne() throws Exception {
        byte[] genuine = BatchSignatures.sign(List.of(content(ana, text("hello"))), this::sign).get(0);
        byte[] forged = genuine.clone();
        forged[forged.length - 1] ^= 1;
        BatchSignatures.VerifiedRoots roots = new BatchSignatures.VerifiedRoots();
        assertThrows(InvalidInputException.class, () -> Envelopes.open(forged, roots));
        assertEquals("hello", ((Text) Envelopes.open(genuine, roots).payload()).body());
        assertThrows(InvalidInputException.class, () -> Envelopes.open(forged, roots), "the genuine root is known; the forged signature still fails");
    }

    @Test
    void anotherKeysSignatureOverTheSameRootIsRefused() throws Exception {
        SigningKey eve = new SigningKey();
        byte[] content = content(ana, text("hello"));
        byte[] byEve = BatchSignatures.sign(List.of(content), eve::sign).get(0);
        assertThrows(InvalidInputException.class, () -> Envelopes.open(byEve));
    }

    @Test
    void envelopesSignedAloneInTheFirstVersionAreStillTaken() throws Exception {
        byte[] content = content(ana, text("from an older outbox"));
        byte[] signed = EnvelopesOfVersionOne.signed(content, this::sign);
        assertTrue(Envelopes.signedAlone(signed));
        assertEquals("from an older outbox", ((Text) Envelopes.open(signed).payload()).body());
        byte[] altered = signed.clone();
        altered[content.length - 4] ^= 1;
        assertThrows(InvalidInputException.class, () -> Envelopes.open(altered));
    }

    private Envelope text(String body) {
        return new Envelope(Envelopes.newId(), ConversationId.random(), ana.id, System.currentTimeMillis() << HybridClock.COUNTER_BITS,
                new Text(body, List.of()));
    }

    private byte[] sign(byte[] data) {
        signatures.incrementAndGet();
        return ana.sign(data);
    }

    private static byte[] proof(byte[] content, int leaves, int index, byte[] signature) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(content);
        out.writeShort(leaves);
        out.writeShort(index);
        out.write(new byte[32 * 7]);
        out.writeShort(signature.length);
        out.write(signature);
        return bytes.toByteArray();
    }

    private static byte[] content(SigningKey author, Envelope envelope) {
        return Envelopes.content(envelope, author.publicKey);
    }
}
