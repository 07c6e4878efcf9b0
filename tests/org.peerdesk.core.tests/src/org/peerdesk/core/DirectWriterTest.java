package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A file written past the page cache holds exactly what was written, in order, whatever the sizes of the pieces. */
class DirectWriterTest {

    private final Random random = new Random(11);
    private final ByteArrayOutputStream expected = new ByteArrayOutputStream();
    private Path home;

    /** On the disk that holds the build: the system's temporary folder may be memory (tmpfs), which may refuse direct I/O. */
    @BeforeEach
    void makeHome() throws Exception {
        home = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "direct-writer");
    }

    @AfterEach
    void removeHome() throws Exception {
        FileTrees.delete(home);
    }

    @Test
    void piecesOfAnySizeLandInOrder() throws Exception {
        Path file = home.resolve("restored");
        try (DirectWriter out = DirectWriter.create(file, 5 << 20)) {
            assertTrue(out.direct(), "the build's disk takes direct writes");
            for (int piece : new int[] {1, 4095, 5000, 3 << 20, 7, 4096, 1 << 20, 12_345}) {
                write(out, piece);
                assertEquals(expected.size(), out.position());
            }
        }
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    @Test
    void appendingContinuesAFileThatEndsInsideABlockAndSyncsLeaveNothingOut() throws Exception {
        Path file = home.resolve("pack");
        write(5000);
        Files.write(file, expected.toByteArray());
        for (int round = 0; round < 3; round++) {
            try (DirectWriter out = DirectWriter.append(file)) {
                assertTrue(out.direct());
                assertEquals(expected.size(), out.position());
                for (int piece : new int[] {10, 1 << 20, 4096 - 10, 70_000}) {
                    write(out, piece);
                    out.sync();
                    assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file), "synced after " + piece + " bytes");
                }
            }
        }
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    @Test
    void appendingCreatesAFileThatIsNotThere() throws Exception {
        Path file = home.resolve("new-pack");
        try (DirectWriter out = DirectWriter.append(file)) {
            assertEquals(0, out.position());
            write(out, 3 << 20);
        }
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    @Test
    void anExistingFileIsReplacedAndASmallOneGoesThroughThePageCache() throws Exception {
        Path file = home.resolve("restored");
        Files.write(file, new byte[10_000]);
        try (DirectWriter out = DirectWriter.create(file, DirectWriter.DIRECT_FROM - 1)) {
            assertFalse(out.direct());
            write(out, 3000);
        }
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    @Test
    void aDirectWriteThatFailsIsDoneAgainThroughThePageCacheAndSoIsTheRest() throws Exception {
        Path file = home.resolve("restored");
        FileChannel failing = FileChannel.open(home.resolve("other"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        failing.close();
        try (DirectWriter out = new DirectWriter(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE), failing)) {
            assertTrue(out.direct());
            write(out, (1 << 20) + 5000);
            assertFalse(out.direct(), "a closed channel fails the first direct write");
            write(out, 1 << 20);
            assertEquals(expected.size(), out.position());
        }
        assertArrayEquals(expected.toByteArray(), Files.readAllBytes(file));
    }

    private void write(DirectWriter out, int length) throws Exception {
        out.write(write(length));
    }

    /** Random bytes, also added to what the file should hold. */
    private byte[] write(int length) throws Exception {
        byte[] piece = new byte[length];
        random.nextBytes(piece);
        expected.write(piece);
        return piece;
    }
}
