package org.peerdesk.backup.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.peerdesk.backup.BackupException;

/** The vault's keys, its recovery phrase and the chunker, each on its own. */
class KeysAndChunksTest {

    @Test
    void aPhraseRoundTripsAndAMistakeIsNamed() throws Exception {
        byte[] secret = new byte[VaultKeys.SECRET_BYTES];
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) (i * 7 + 1); // fixed: with 8 bits of checksum, one random swap in 256 still adds up
        }
        VaultKeys keys = new VaultKeys(secret);
        String phrase = RecoveryPhrase.encode(keys.secret());
        assertEquals(RecoveryPhrase.WORDS, phrase.split(" ").length);
        assertArrayEquals(keys.secret(), RecoveryPhrase.decode("  " + phrase.toUpperCase().replace(" ", "\n") + " "));

        String[] words = phrase.split(" ");
        BackupException unknown = assertThrows(BackupException.class, () -> RecoveryPhrase.decode(phrase.replace(words[4], "zzzz")));
        assertTrue(unknown.getMessage().contains("Word 5"), unknown.getMessage());
        assertThrows(BackupException.class, () -> RecoveryPhrase.decode(String.join(" ", List.of(words).subList(0, 23))));
        String swapped = phrase.replaceFirst(words[0] + " " + words[1], words[1] + " " + words[0]);
        if (!words[0].equals(words[1])) {
            BackupException mixed = assertThrows(BackupException.class, () -> RecoveryPhrase.decode(swapped));
            assertTrue(mixed.getMessage().contains("not a recovery phrase"), mixed.getMessage());
        }
    }

    @Test
    void aBlobOpensOnlyUnchangedUnderItsOwnIdAndKey() throws Exception {
        VaultKeys keys = VaultKeys.generate();
        byte[] content = "chunk content".getBytes();
        byte[] id = keys.chunkId(content, 0, content.length);
        byte[] blob = keys.seal(id, content, 0, content.length);
        assertArrayEquals(content, keys.open(id, blob));
        assertArrayEquals(blob, keys.seal(id, content, 0, content.length), "the same chunk seals the same everywhere");

        byte[] altered = blob.clone();
        altered[5] ^= 1;
        assertThrows(VaultKeys.TamperedException.class, () -> keys.open(id, altered));
        byte[] other = "other chunk".getBytes();
        byte[] otherId = keys.chunkId(other, 0, other.length);
        assertThrows(VaultKeys.TamperedException.class, () -> keys.open(id, keys.seal(otherId, other, 0, other.length)));
        assertThrows(VaultKeys.TamperedException.class, () -> VaultKeys.generate().open(id, blob));
        assertNotEquals(new BlobId(id), new BlobId(VaultKeys.generate().chunkId(content, 0, content.length)),
                "IDs depend on the vault's key, so a holder cannot tell known content by its ID");
    }

    @Test
    void chunksStayWithinBoundsAndAnInsertionMovesOnlyNearbyBoundaries() throws IOException {
        byte[] data = new byte[24 << 20];
        new Random(7).nextBytes(data);
        List<BlobId> before = chunks(data);
        byte[] inserted = new byte[data.length + 10];
        System.arraycopy(data, 0, inserted, 0, 12 << 20);
        System.arraycopy(data, 12 << 20, inserted, (12 << 20) + 10, data.length - (12 << 20));
        List<BlobId> after = chunks(inserted);

        Set<BlobId> changed = new HashSet<>(after);
        changed.removeAll(before);
        assertTrue(changed.size() <= 2, changed.size() + " of " + after.size() + " chunks changed");
        assertTrue(before.size() >= 24 / 4 && before.size() <= 24 * 4, before.size() + " chunks for 24 MiB");
    }

    private static List<BlobId> chunks(byte[] data) throws IOException {
        VaultKeys keys = new VaultKeys(new byte[VaultKeys.SECRET_BYTES]);
        List<BlobId> ids = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        new Chunker().split(Channels.newChannel(new ByteArrayInputStream(data)), (buffer, offset, length) -> {
            ids.add(new BlobId(keys.chunkId(buffer, offset, length)));
            lengths.add(length);
        });
        assertEquals(data.length, lengths.stream().mapToLong(Integer::longValue).sum());
        for (int i = 0; i < lengths.size() - 1; i++) {
            assertTrue(lengths.get(i) >= Chunker.MIN && lengths.get(i) <= Chunker.MAX, "chunk " + i + ": " + lengths.get(i));
        }
        return ids;
    }
}
