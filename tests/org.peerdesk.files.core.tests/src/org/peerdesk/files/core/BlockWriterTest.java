package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

import org.peerdesk.core.DirectWriter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.io.TempDirFactory;

/** Blocks land where they belong, past the page cache where the file system allows it and through it otherwise. */
class BlockWriterTest {

    private static final int BLOCK = 512 * 1024;

    /** On the disk that holds the build (the system's temporary folder may be memory, as tmpfs). */
    @TempDir(factory = InTheBuildFolder.class)
    Path home;

    @Test
    void wholeBlocksGoPastThePageCacheAndTheShortLastOneThroughIt() throws Exception {
        assertWritesInPlace(home.resolve("part"));
    }

    @Test
    void onceTheDirectChannelIsClosedBlocksStillLandThroughThePageCache() throws Exception {
        Path file = home.resolve("part");
        byte[] block = new byte[BLOCK];
        new Random(3).nextBytes(block);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            BlockWriter writer = BlockWriter.open(file, channel, 2 * BLOCK);
            writer.close();
            assertFalse(writer.direct());
            writer.write(BLOCK, block, BLOCK);
            assertTrue(channel.isOpen(), "the caller's channel is the caller's to close");
        }
        assertArrayEquals(block, Arrays.copyOfRange(Files.readAllBytes(file), BLOCK, 2 * BLOCK));
    }

    @Test
    void smallFilesGoThroughThePageCache() throws Exception {
        Path file = home.resolve("small");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                BlockWriter writer = BlockWriter.open(file, channel, DirectWriter.DIRECT_FROM - 1)) {
            assertFalse(writer.direct());
            writer.write(0, new byte[] {1, 2, 3}, 3);
        }
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(file));
    }

    static final class InTheBuildFolder implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context) throws Exception {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target")), "block-writer");
        }
    }

    /** Writes three blocks and a short fourth one, out of order and from two threads, and reads the file back. */
    private static void assertWritesInPlace(Path file) throws Exception {
        byte[] content = new byte[3 * BLOCK + 1234];
        new Random(7).nextBytes(content);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
                BlockWriter writer = BlockWriter.open(file, channel, content.length)) {
            assertTrue(writer.direct(), "the build's disk takes direct writes");
            Thread other = Thread.ofPlatform().start(() -> write(writer, content, 1));
            write(writer, content, 3);
            write(writer, content, 0);
            other.join();
            write(writer, content, 2);
            channel.force(true);
        }
        assertArrayEquals(content, Files.readAllBytes(file));
    }

    private static void write(BlockWriter writer, byte[] content, int block) {
        int from = block * BLOCK;
        byte[] data = Arrays.copyOfRange(content, from, Math.min(content.length, from + BLOCK));
        try {
            writer.write(from, data, data.length);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
