package org.peerdesk.files.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.FilesException;
import org.peerdesk.permissions.Right;
import org.peerdesk.transport.ProtocolId;
import org.peerdesk.transport.Stream;

/**
 * Downloads between real file servers over in-memory streams: blocks verified, garbage from one peer
 * refetched from another, a peer with only garbage refused, a stalled peer replaced, a partial file
 * resumed without fetching its verified blocks again.
 */
class FileFetchTest {

    private static final PeerId ASKER = FilesFixture.peer(1);
    private static final PeerId GOOD = FilesFixture.peer(2);
    private static final PeerId BAD = FilesFixture.peer(3);
    private static final FileFetch.Settings FAST = new FileFetch.Settings(2, 512 * 1024, Duration.ofSeconds(1));

    @TempDir
    Path home;
    private FilesFixture good;
    private FilesFixture bad;
    private byte[] content;
    private Manifest manifest;

    @BeforeEach
    void start() throws Exception {
        content = new byte[5 * 1024 * 1024 + 100];
        new Random(7).nextBytes(content);
        good = serving(home.resolve("good"));
        bad = serving(home.resolve("bad"));
        manifest = good.index.manifest(good.registry.root("docs").orElseThrow().id(), "data.bin").orElseThrow();
        // the bad peer announces the same file, then serves other bytes of the same size and time
        Path badFile = bad.registry.root("docs").orElseThrow().folder().resolve("data.bin");
        FileTime time = Files.getLastModifiedTime(badFile);
        byte[] garbage = content.clone();
        for (int i = 0; i < garbage.length; i += 4096) {
            garbage[i] ^= 0x5a;
        }
        Files.write(badFile, garbage);
        Files.setLastModifiedTime(badFile, time);
    }

    @AfterEach
    void stop() throws Exception {
        good.close();
        bad.close();
    }

    private FilesFixture serving(Path where) throws Exception {
        FilesFixture node = new FilesFixture(where);
        ShareRegistry.ShareRoot share = node.share("docs");
        Files.write(share.folder().resolve("data.bin"), content);
        Files.setLastModifiedTime(share.folder().resolve("data.bin"), FileTime.fromMillis(1_700_000_000_000L));
        node.registry.rescan("docs");
        return node;
    }

    @Test
    void garbageFromOnePeerIsFetchedAgainFromTheOther() throws Exception {
        Path target = home.resolve("out/data.bin");
        fetch(target, source(BAD, bad), source(GOOD, good));
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals(FileTime.fromMillis(1_700_000_000_000L), Files.getLastModifiedTime(target));
        assertFalse(Files.exists(PartFile.of(target)), "no partial file left behind");
    }

    @Test
    void aPeerWithOnlyGarbageWritesNothingIntoPlace() throws Exception {
        Path target = home.resolve("out/data.bin");
        FilesException refused = assertThrows(FilesException.class, () -> fetch(target, source(BAD, bad)));
        assertTrue(refused.getMessage().contains("do not match"), refused.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void aStalledPeerIsReplacedByAnother() throws Exception {
        Path target = home.resolve("out/data.bin");
        FileFetch.Source stalled = new FileFetch.Source() {
            @Override
            public PeerId peer() {
                return BAD;
            }

            @Override
            public FilesClient open() throws IOException {
                return new FilesClient(new SilentStream());
            }
        };
        fetch(target, stalled, source(GOOD, good));
        assertArrayEquals(content, Files.readAllBytes(target));
    }

    @Test
    void aPartialDownloadResumesWithoutFetchingVerifiedBlocks() throws Exception {
        Path target = home.resolve("out/data.bin");
        Files.createDirectories(target.getParent());
        int half = 20 * Manifest.MIN_BLOCK;
        Files.write(PartFile.of(target), java.util.Arrays.copyOf(content, half));
        AtomicLong fromNetwork = new AtomicLong();
        FileFetch.Source counting = new FileFetch.Source() {
            @Override
            public PeerId peer() {
                return GOOD;
            }

            @Override
            public FilesClient open() throws IOException {
                return new FilesClient(new CountingStream(serve(good), fromNetwork));
            }
        };
        fetch(target, counting);
        assertArrayEquals(content, Files.readAllBytes(target));
        long rest = content.length - half;
        assertTrue(fromNetwork.get() >= rest && fromNetwork.get() < rest + 64 * 1024,
                "fetched " + fromNetwork.get() + " bytes for the " + rest + " missing");
    }

    private void fetch(Path target, FileFetch.Source... sources) throws FilesException {
        new FileFetch("docs", manifest, target, List.of(sources), FAST, bytes -> { }, () -> false, PartFile.Placement.OVERWRITE).run();
    }

    private FileFetch.Source source(PeerId peer, FilesFixture node) {
        return new FileFetch.Source() {
            @Override
            public PeerId peer() {
                return peer;
            }

            @Override
            public FilesClient open() throws IOException {
                return new FilesClient(serve(node));
            }
        };
    }

    /** Starts serving a new stream from {@code node}; returns the asker's end. */
    private static Stream serve(FilesFixture node) throws IOException {
        node.permissions = new Allowing(Right.READ);
        return node.serveFiles(ASKER);
    }

    /** A peer that takes requests and never answers. */
    private static final class SilentStream implements Stream {
        private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

        @Override
        public PeerId peer() {
            return BAD;
        }

        @Override
        public ProtocolId protocol() {
            return ProtocolId.of(FilesWire.PROTOCOL);
        }

        @Override
        public InputStream input() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("reset");
                }
            };
        }

        @Override
        public OutputStream output() {
            return OutputStream.nullOutputStream();
        }

        @Override
        public void reset() {
            closed.countDown();
        }

        @Override
        public void close() {
            closed.countDown();
        }
    }

    /** Counts the bytes the asker reads from the network. */
    private record CountingStream(Stream inner, AtomicLong count) implements Stream {
        @Override
        public PeerId peer() {
            return inner.peer();
        }

        @Override
        public ProtocolId protocol() {
            return inner.protocol();
        }

        @Override
        public InputStream input() {
            return new java.io.FilterInputStream(inner.input()) {
                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    int read = super.read(buffer, offset, length);
                    if (read > 0) {
                        count.addAndGet(read);
                    }
                    return read;
                }
            };
        }

        @Override
        public OutputStream output() {
            return inner.output();
        }

        @Override
        public void reset() {
            inner.reset();
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
