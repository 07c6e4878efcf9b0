package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.files.FileEntry;
import org.peerdesk.files.RemoteMatches;
import org.peerdesk.testing.WireFuzz;

/**
 * What a peer sends in the files protocol, broken in every way {@link WireFuzz} knows: requests (what a serving
 * node reads) and the listings, manifests and changes in answers (what an asking node reads) are taken or refused
 * with a reason, never met with an unchecked exception or a length believed.
 */
class FilesWireFuzzTest {

    private static final int ROUNDS = 20_000;
    private static final Instant MODIFIED = Instant.parse("2026-12-04T10:15:30.123456789Z");

    @Test
    void requestsFromPeers() {
        List<byte[]> valid = List.of(
                request(new FilesWire.Request(FilesWire.SHARES, "", "", "", 0, 0, 0, 0, 0)),
                request(new FilesWire.Request(FilesWire.LIST, "team", "docs/reports", "q3.pdf", 100, 0, 0, 0, 0)),
                request(new FilesWire.Request(FilesWire.MANIFESTS, "team", "docs", "", 200, 0, 0, 0, 0)),
                request(new FilesWire.Request(FilesWire.BLOCKS, "team", "docs/big.bin", "", 0, 1 << 20, 3, 8, 0)),
                request(new FilesWire.Request(FilesWire.CHANGES, "team", "", "", 200, 0, 0, 0, 41)),
                request(FilesWire.Request.bases("team", List.of("a.txt", "docs/b.txt"))),
                request(FilesWire.Request.find(List.of("quarterly", "report"), 50)));
        WireFuzz.check("a files request", valid, input -> FilesWire.readRequest(WireFuzz.data(input)), 1, ROUNDS);
    }

    @Test
    void answersFromPeers() {
        Manifest manifest = manifest("docs/big.bin", 3 * (1L << 20) + 5);
        List<byte[]> manifests = List.of(WireFuzz.bytes(out -> FilesWire.writeManifest(out, manifest)),
                WireFuzz.bytes(out -> FilesWire.writeManifest(out, manifest("empty.txt", 0))));
        WireFuzz.check("a manifest", manifests, input -> FilesWire.readManifest(WireFuzz.data(input)), 2, ROUNDS);

        List<byte[]> changes = List.of(WireFuzz.bytes(out -> FilesWire.writeChange(out, new FilesWire.IndexChange(7, "docs/big.bin", manifest))),
                WireFuzz.bytes(out -> FilesWire.writeChange(out, new FilesWire.IndexChange(8, "docs/big.bin", manifest).leftOutIf(true))),
                WireFuzz.bytes(out -> FilesWire.writeChange(out, new FilesWire.IndexChange(9, "docs/gone.txt", null))));
        WireFuzz.check("an index change", changes, input -> FilesWire.readChange(WireFuzz.data(input)), 3, ROUNDS);

        FileEntry entry = new FileEntry("docs/notes.txt", false, 1234, MODIFIED, 0644);
        List<byte[]> entries = List.of(WireFuzz.bytes(out -> FilesWire.writeEntry(out, entry)),
                WireFuzz.bytes(out -> FilesWire.writeMatch(out, new RemoteMatches.Match("team", entry))));
        WireFuzz.check("a listing's entry", entries, input -> FilesWire.readEntry(WireFuzz.data(input), "docs"), 4, ROUNDS);
        WireFuzz.check("a search's match", entries, input -> FilesWire.readMatch(WireFuzz.data(input)), 5, ROUNDS);

        List<byte[]> statuses = List.of(new byte[] {FilesWire.OK}, WireFuzz.bytes(out -> FilesWire.writeError(out, "There is nothing at 'x'.")));
        WireFuzz.check("a status", statuses, input -> FilesWire.readStatus(WireFuzz.data(input)), 6, ROUNDS);
    }

    @Test
    void aManifestOfAFileLargerThanAnyFileSystemHoldsIsRefusedBeforeItsHashesAreRead() {
        long size = Long.MAX_VALUE - 5;
        int blockSize = Manifest.blockSizeFor(size);
        byte[] claimed = WireFuzz.bytes(out -> {
            out.writeUTF("huge.bin");
            out.writeLong(size);
            out.writeLong(FilesWire.nanos(MODIFIED));
            out.writeInt(0644);
            out.writeInt(blockSize);
            out.writeInt(Manifest.blocks(size, blockSize) * Manifest.HASH_BYTES);
        });
        assertThrows(InvalidInputException.class, () -> FilesWire.readManifest(WireFuzz.data(claimed)));
    }

    @Test
    void theFuzzCatchesADecoderThatBelievesALength() {
        List<byte[]> valid = List.of(WireFuzz.bytes(out -> {
            out.writeInt(3);
            out.write(new byte[] {1, 2, 3});
        }));
        AssertionError caught = assertThrows(AssertionError.class,
                () -> WireFuzz.check("a naive decoder", valid,
                        input -> WireFuzz.data(input).readFully(new byte[WireFuzz.data(input).readInt()]), 7, ROUNDS));
        assertTrue(caught.getMessage().contains("instead of refusing"), caught.getMessage());
    }

    private static byte[] request(FilesWire.Request request) {
        return WireFuzz.bytes(out -> FilesWire.encodeRequest(out, request));
    }

    private static Manifest manifest(String path, long size) {
        int blockSize = Manifest.blockSizeFor(size);
        return new Manifest(new FileEntry(path, false, size, MODIFIED, 0644), blockSize, new byte[Manifest.blocks(size, blockSize) * Manifest.HASH_BYTES]);
    }
}
