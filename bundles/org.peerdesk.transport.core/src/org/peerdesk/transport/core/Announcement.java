package org.peerdesk.transport.core;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.IdentityException;
import org.peerdesk.identity.NodeIdentity;
import org.peerdesk.identity.Signatures;
import org.peerdesk.transport.PeerAddress;

/**
 * What a node multicasts on its local networks: its peer ID, its public key, the name it gives
 * itself, the addresses it takes connections on, when it said so and a random nonce, all signed
 * with its key. A forged, altered, stale or replayed announcement is dropped, and so is one whose
 * name is not a name a node may have.
 */
record Announcement(PeerId peer, String name, List<PeerAddress> addresses, Instant sent, long nonce) {

    private static final byte[] MAGIC = "PDA3".getBytes(StandardCharsets.US_ASCII);
    private static final int KEY_LENGTH = 44;
    private static final int SIGNATURE_LENGTH = 64;
    /** A name's UTF-8 bytes at most: four for each of its characters. */
    private static final int MAX_NAME_BYTES = 4 * NodeIdentity.MAX_NAME_LENGTH;
    private static final int FIXED = MAGIC.length + PeerId.LENGTH + KEY_LENGTH + 8 + 8 + 2;
    static final int MAX_SIZE = FIXED + MAX_NAME_BYTES + AddressCodec.maxSize(AddressCodec.MAX_ADDRESSES) + SIGNATURE_LENGTH;

    Announcement {
        addresses = List.copyOf(addresses);
    }

    byte[] sign(NodeIdentity identity) throws IdentityException {
        ByteBuffer body = ByteBuffer.allocate(MAX_SIZE - SIGNATURE_LENGTH).put(MAGIC).put(peer.bytes())
                .put(identity.certificate().getPublicKey().getEncoded()).putLong(sent.toEpochMilli()).putLong(nonce);
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        body.putShort((short) nameBytes.length).put(nameBytes);
        AddressCodec.write(body, addresses);
        byte[] signed = Arrays.copyOf(body.array(), body.position());
        return ByteBuffer.allocate(signed.length + SIGNATURE_LENGTH).put(signed).put(identity.sign(signed)).array();
    }

    /** The announcement in {@code packet}, if it is well formed and signed by the key of the peer it names. */
    static Optional<Announcement> verify(byte[] packet, int length) {
        if (length < FIXED + 1 + SIGNATURE_LENGTH || length > MAX_SIZE) {
            return Optional.empty();
        }
        try {
            byte[] body = Arrays.copyOf(packet, length - SIGNATURE_LENGTH);
            byte[] signature = Arrays.copyOfRange(packet, length - SIGNATURE_LENGTH, length);
            ByteBuffer in = ByteBuffer.wrap(body);
            byte[] magic = new byte[MAGIC.length];
            byte[] id = new byte[PeerId.LENGTH];
            byte[] key = new byte[KEY_LENGTH];
            in.get(magic).get(id).get(key);
            long sent = in.getLong();
            long nonce = in.getLong();
            int nameLength = in.getShort();
            if (nameLength < 0 || nameLength > MAX_NAME_BYTES) {
                return Optional.empty();
            }
            byte[] nameBytes = new byte[nameLength];
            in.get(nameBytes);
            String name = NodeIdentity.checkedName(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(nameBytes)).toString());
            List<PeerAddress> addresses = AddressCodec.read(in);
            PeerId peer = new PeerId(id);
            if (!Arrays.equals(magic, MAGIC) || in.hasRemaining() || addresses.isEmpty()
                    || !Signatures.verify(peer, key, body, signature)) {
                return Optional.empty();
            }
            return Optional.of(new Announcement(peer, name, addresses, Instant.ofEpochMilli(sent), nonce));
        } catch (BufferUnderflowException | IllegalArgumentException | InvalidInputException | IdentityException
                | CharacterCodingException e) {
            return Optional.empty();
        }
    }
}
