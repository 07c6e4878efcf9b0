package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pieces read past the page cache are the file's bytes, wherever they start and end. */
class DirectReaderTest {

    private final byte[] content = new byte[3 * DirectWriter.ALIGNMENT + 1234];
    private Path home;
    private Path file;

    /** On the build's disk: the system's temporary folder may be memory (tmpfs), which may refuse direct I/O. */
    @BeforeEach
    void writeFile() throws Exception {
        home = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "direct-reader");
        new Random(5).nextBytes(content);
        file = Files.write(home.resolve("pack"), content);
    }

    @AfterEach
    void removeHome() throws Exception {
        FileTrees.delete(home);
    }

    @Test
    void piecesOnAndOffBlockBoundariesAreTheFilesBytes() throws Exception {
        int block = DirectWriter.ALIGNMENT;
        int[][] pieces = {{0, 1}, {0, block}, {block, block}, {5, block}, {block - 1, 2}, {100, 2 * block + 7},
            {content.length - 1234, 1234}, {content.length - 1, 1}, {0, content.length}};
        for (int[] piece : pieces) {
            assertArrayEquals(Arrays.copyOfRange(content, piece[0], piece[0] + piece[1]),
                    DirectReader.read(file, piece[0], piece[1]).orElseThrow(), "at " + piece[0] + ", " + piece[1] + " bytes");
        }
    }

    @Test
    void piecesLongerThanOneReadAreWholeToo() throws Exception {
        byte[] large = new byte[9 << 20];
        new Random(8).nextBytes(large);
        Path big = Files.write(home.resolve("big-pack"), large);
        int[][] pieces = {{0, large.length}, {4097, (4 << 20) + 1}, {(4 << 20) - 3, 6}, {777, large.length - 777}};
        for (int[] piece : pieces) {
            assertArrayEquals(Arrays.copyOfRange(large, piece[0], piece[0] + piece[1]),
                    DirectReader.read(big, piece[0], piece[1]).orElseThrow(), "at " + piece[0] + ", " + piece[1] + " bytes");
        }
        assertEquals(Optional.empty(), DirectReader.read(big, (5 << 20) + 1, 4 << 20));
    }

    @Test
    void aPieceThatRunsPastTheEndIsNotThere() throws Exception {
        assertEquals(Optional.empty(), DirectReader.read(file, content.length - 10, 11));
        assertEquals(Optional.empty(), DirectReader.read(file, content.length + 5000, 10));
    }

    @Test
    void aMissingFileSaysSo() {
        assertThrows(NoSuchFileException.class, () -> DirectReader.read(home.resolve("gone"), 0, 10));
    }
}
