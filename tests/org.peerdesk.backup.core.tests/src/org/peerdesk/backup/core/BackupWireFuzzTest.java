package org.peerdesk.backup.core;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.peerdesk.testing.WireFuzz;

/**
 * What a holder answers, and what comes back from it once opened, broken in every way {@link WireFuzz} knows: blobs,
 * lists of IDs, snapshot trees and records are taken or refused with a reason, never met with an unchecked exception
 * or a length believed.
 */
class BackupWireFuzzTest {

    private static final int ROUNDS = 20_000;

    @Test
    void holdersAnswers() {
        BlobId one = new BlobId(new byte[VaultKeys.ID_BYTES]);
        BlobId two = new BlobId(new byte[VaultKeys.ID_BYTES]);
        two.bytes()[0] = 7;
        WireFuzz.check("a list of IDs", List.of(WireFuzz.bytes(out -> BackupWire.writeIds(out, List.of(one, two)))),
                input -> BackupWire.readIds(WireFuzz.data(input)), 41, ROUNDS);
        WireFuzz.check("a blob", List.of(WireFuzz.bytes(out -> {
            out.writeInt(300);
            out.write(new byte[300]);
        })), input -> BackupWire.readBlob(WireFuzz.data(input)), 42, ROUNDS);
    }

    @Test
    void treesAndRecords() {
        BlobId chunk = new BlobId(new byte[VaultKeys.ID_BYTES]);
        byte[] tree = Records.encodeTree(List.of(TreeEntry.folder("photos", 0755, 1_700_000_000_000_000_000L),
                new TreeEntry("photos/beach.jpg", TreeEntry.Type.FILE, 0644, 1_700_000_000_000_000_000L, 3 << 20, List.of(chunk, chunk), ""),
                new TreeEntry("photos/latest", TreeEntry.Type.LINK, 0777, 1_700_000_000_000_000_000L, 0, List.of(), "beach.jpg")));
        WireFuzz.check("a snapshot tree", List.of(tree), Records::decodeTree, 43, ROUNDS);
        byte[] record = Records.encodeRecord(new Records.SnapshotRecord("2026-12-04T101500Z", new SetDefinition("photos",
                List.of("/home/ana/photos"), List.of("conversations"), List.of("ab".repeat(32)), 2, 6 * 3600), 1_764_843_300_000L, 3, 3 << 20, 3 << 20,
                List.of(chunk), List.of(new Records.HolderAddress("ab".repeat(32), "192.168.1.20:22070"))));
        WireFuzz.check("a snapshot record", List.of(record), Records::decodeRecord, 44, ROUNDS);
    }
}
