package org.peerdesk.messaging.core;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.identity.Signatures;

/**
 * One signature for many envelopes, each still verifiable alone (in a mailbox, say): the envelopes
 * of a batch are the leaves of a Merkle tree, its root is signed once, and each envelope carries
 * the hashes that lead from it to the root. An Ed25519 signature took a fifth of the CPU of two
 * peers exchanging messages as fast as they could, checking it alone nearly as much as storing.
 * <pre>
 * proof:  leaves (u16, 1 to 64), index (u16), path (32 bytes per level where this node has a sibling),
 *         signature (u16 length, Ed25519 over "peerdesk/messages/batch/1", a zero byte and the root)
 * leaf:   SHA-256 of 0x00 and the envelope's content; inner node: SHA-256 of 0x01, left and right
 * </pre>
 * A level's last node without a sibling moves up unchanged. {@link VerifiedRoots} remembers the
 * roots whose signature verified, so the other envelopes of a batch cost a few hashes.
 */
final class BatchSignatures {

    static final int MAX_LEAVES = 64;
    private static final int HASH_BYTES = 32;
    private static final int MAX_SIGNATURE_BYTES = 128;
    private static final int MAX_PROOF_BYTES = 2 * Short.BYTES + 6 * HASH_BYTES + Short.BYTES + MAX_SIGNATURE_BYTES;
    private static final byte[] DOMAIN = "peerdesk/messages/batch/1\0".getBytes(StandardCharsets.US_ASCII);

    private BatchSignatures() {
    }

    /** Each content followed by its proof; contents are signed {@value #MAX_LEAVES} at a time. */
    static List<byte[]> sign(List<byte[]> contents, Envelopes.Signer signer) throws Exception {
        List<byte[]> signed = new ArrayList<>(contents.size());
        for (int from = 0; from < contents.size(); from += MAX_LEAVES) {
            signed.addAll(signTogether(contents.subList(from, Math.min(contents.size(), from + MAX_LEAVES)), signer));
        }
        return signed;
    }

    private static List<byte[]> signTogether(List<byte[]> contents, Envelopes.Signer signer) throws Exception {
        List<List<byte[]>> levels = new ArrayList<>();
        List<byte[]> level = contents.stream().map(BatchSignatures::leaf).toList();
        levels.add(level);
        while (level.size() > 1) {
            List<byte[]> up = new ArrayList<>((level.size() + 1) / 2);
            for (int i = 0; i < level.size(); i += 2) {
                up.add(i + 1 < level.size() ? node(level.get(i), level.get(i + 1)) : level.get(i));
            }
            level = up;
            levels.add(level);
        }
        byte[] signature = signer.sign(signedBytes(level.get(0)));
        List<byte[]> signed = new ArrayList<>(contents.size());
        for (int index = 0; index < contents.size(); index++) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(contents.get(index).length + MAX_PROOF_BYTES);
            DataOutputStream out = new DataOutputStream(bytes);
            try {
                out.write(contents.get(index));
                out.writeShort(contents.size());
                out.writeShort(index);
                int at = index;
                for (List<byte[]> each : levels.subList(0, levels.size() - 1)) {
                    if ((at ^ 1) < each.size()) {
                        out.write(each.get(at ^ 1));
                    }
                    at >>= 1;
                }
                out.writeShort(signature.length);
                out.write(signature);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            signed.add(bytes.toByteArray());
        }
        return signed;
    }

    /**
     * Reads the proof that follows {@code content} in {@code in} and checks that {@code author}
     * signed the root it leads to.
     *
     * @throws InvalidInputException if the proof is malformed or its signature does not verify
     */
    static void check(byte[] content, ByteBuffer in, PeerId author, byte[] authorKey, VerifiedRoots roots)
            throws InvalidInputException {
        int leaves = in.getShort() & 0xffff;
        int index = in.getShort() & 0xffff;
        if (leaves < 1 || leaves > MAX_LEAVES || index >= leaves) {
            throw new InvalidInputException("the envelope's proof names leaf " + index + " of " + leaves);
        }
        byte[] hash = leaf(content);
        for (int size = leaves, at = index; size > 1; size = (size + 1) / 2, at >>= 1) {
            if ((at ^ 1) < size) {
                byte[] sibling = new byte[HASH_BYTES];
                in.get(sibling);
                hash = (at & 1) == 0 ? node(hash, sibling) : node(sibling, hash);
            }
        }
        int length = in.getShort() & 0xffff;
        if (length > MAX_SIGNATURE_BYTES) {
            throw new InvalidInputException("the envelope's signature is " + length + " bytes long");
        }
        byte[] signature = new byte[length];
        in.get(signature);
        if (!roots.verify(author, authorKey, hash, signature)) {
            throw new InvalidInputException("the signature does not verify");
        }
    }

    private static byte[] signedBytes(byte[] root) {
        byte[] signed = Arrays.copyOf(DOMAIN, DOMAIN.length + root.length);
        System.arraycopy(root, 0, signed, DOMAIN.length, root.length);
        return signed;
    }

    private static byte[] leaf(byte[] content) {
        MessageDigest sha = sha256();
        sha.update((byte) 0);
        return sha.digest(content);
    }

    private static byte[] node(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 1);
        sha.update(left);
        return sha.digest(right);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The batch roots whose signature was checked, with author and signature. Only good signatures
     * are kept: a forged one must not stand in the way of the genuine one of the same root. When
     * full, it starts over.
     */
    static final class VerifiedRoots {

        private static final int CAPACITY = 4096;

        private record Root(PeerId author, ByteBuffer hash, ByteBuffer signature) {
        }

        private final Map<Root, Boolean> verified = new ConcurrentHashMap<>();

        /** True when {@code author} signed {@code root}: checked once, and at the same time for envelopes of one batch. */
        boolean verify(PeerId author, byte[] authorKey, byte[] root, byte[] signature) {
            if (verified.size() >= CAPACITY) {
                verified.clear();
            }
            Root key = new Root(author, ByteBuffer.wrap(root), ByteBuffer.wrap(signature));
            return verified.get(key) != null || verified.computeIfAbsent(key,
                    any -> Signatures.verify(author, authorKey, signedBytes(root), signature) ? Boolean.TRUE : null) != null;
        }
    }
}
