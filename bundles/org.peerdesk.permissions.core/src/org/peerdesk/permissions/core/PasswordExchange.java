package org.peerdesk.permissions.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;

import org.bouncycastle.crypto.CryptoException;
import org.bouncycastle.crypto.agreement.jpake.JPAKEParticipant;
import org.bouncycastle.crypto.agreement.jpake.JPAKEPrimeOrderGroups;
import org.bouncycastle.crypto.agreement.jpake.JPAKERound1Payload;
import org.bouncycastle.crypto.agreement.jpake.JPAKERound2Payload;
import org.bouncycastle.crypto.agreement.jpake.JPAKERound3Payload;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * One side of a J-PAKE exchange (Bouncy Castle, the NIST 3072-bit group, SHA-256) over a stream:
 * both sides prove they hold the same secret without sending it, and a recording of the exchange
 * does not allow guessing it offline. Participant IDs are the peer IDs TLS proved, and each side
 * insists that its partner uses the one it proved, so a node that relays another's messages fails.
 */
final class PasswordExchange {

    private static final int MAX_NUMBER_BYTES = 1024;
    private static final int MAX_PROOF_PARTS = 4;

    private final JPAKEParticipant participant;
    private final String partner;
    private final DataInputStream in;
    private final DataOutputStream out;
    private BigInteger keyingMaterial;
    private JPAKERound3Payload confirmation;

    PasswordExchange(String me, String partner, char[] secret, DataInputStream in, DataOutputStream out) {
        this.participant = new JPAKEParticipant(me, secret, JPAKEPrimeOrderGroups.NIST_3072, new SHA256Digest(), new SecureRandom());
        this.partner = partner;
        this.in = in;
        this.out = out;
    }

    /** Rounds 1 and 2, the same for both sides: afterwards each holds keying material, equal only if the secrets were. */
    void agree() throws IOException, CryptoException {
        JPAKERound1Payload mine1 = participant.createRound1PayloadToSend();
        out.writeUTF(mine1.getParticipantId());
        writeNumbers(mine1.getGx1(), mine1.getGx2());
        writeNumbers(mine1.getKnowledgeProofForX1());
        writeNumbers(mine1.getKnowledgeProofForX2());
        out.flush();
        String id1 = partnerId();
        BigInteger[] gx = readNumbers(2);
        participant.validateRound1PayloadReceived(new JPAKERound1Payload(id1, gx[0], gx[1], readNumbers(), readNumbers()));
        JPAKERound2Payload mine2 = participant.createRound2PayloadToSend();
        out.writeUTF(mine2.getParticipantId());
        writeNumbers(mine2.getA());
        writeNumbers(mine2.getKnowledgeProofForX2s());
        out.flush();
        String id2 = partnerId();
        BigInteger a = readNumbers(1)[0];
        participant.validateRound2PayloadReceived(new JPAKERound2Payload(id2, a, readNumbers()));
        keyingMaterial = participant.calculateKeyingMaterial();
        // Bouncy Castle makes the own confirmation only before checking the partner's.
        confirmation = participant.createRound3PayloadToSend(keyingMaterial);
    }

    /** Round 3, sending side: a tag only a holder of the same keying material can check. */
    void sendConfirmation() throws IOException {
        out.writeUTF(confirmation.getParticipantId());
        writeNumbers(confirmation.getMacTag());
        out.flush();
    }

    /** Round 3, receiving side; throws when the partner's secret differs. */
    void checkConfirmation() throws IOException, CryptoException {
        String id = partnerId();
        participant.validateRound3PayloadReceived(new JPAKERound3Payload(id, readNumbers(1)[0]), keyingMaterial);
    }

    private String partnerId() throws IOException, CryptoException {
        String id = in.readUTF();
        if (!id.equals(partner)) {
            throw new CryptoException("the exchange names " + abbreviate(id) + " where the connection proved " + abbreviate(partner));
        }
        return id;
    }

    private static String abbreviate(String id) {
        return id.length() > 12 ? id.substring(0, 12) + "..." : id;
    }

    private void writeNumbers(BigInteger... numbers) throws IOException {
        out.writeByte(numbers.length);
        for (BigInteger number : numbers) {
            byte[] bytes = number.toByteArray();
            out.writeShort(bytes.length);
            out.write(bytes);
        }
    }

    private BigInteger[] readNumbers() throws IOException, CryptoException {
        return readNumbers(-1);
    }

    private BigInteger[] readNumbers(int expected) throws IOException, CryptoException {
        int count = in.readUnsignedByte();
        if (count > MAX_PROOF_PARTS || (expected >= 0 && count != expected)) {
            throw new CryptoException("a malformed exchange message");
        }
        BigInteger[] numbers = new BigInteger[count];
        for (int i = 0; i < count; i++) {
            int length = in.readUnsignedShort();
            if (length == 0 || length > MAX_NUMBER_BYTES) {
                throw new CryptoException("a number of " + length + " bytes in the exchange");
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            numbers[i] = new BigInteger(bytes);
        }
        return numbers;
    }
}
