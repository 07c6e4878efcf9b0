package org.peerdesk.files.core;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.LongConsumer;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.IoMessages;
import org.peerdesk.core.PeerId;
import org.peerdesk.files.FilesException;

/**
 * Downloads one file: reuses the blocks already on disk (a partial download, or the old version of
 * the file), fetches the rest in parallel ranges from every source that has the same content,
 * verifies each block against its hash before writing it, and renames the finished, fsynced file into
 * place. Until then the data sits in a hidden {@code .NAME.peerdesk-part} beside the target, which a
 * later attempt resumes from.
 */
final class FileFetch {

    /** A peer that serves the file: a stream to it for each worker, given back when the worker is done. */
    interface Source {
        PeerId peer();

        FilesClient open() throws IOException;

        default void release(FilesClient client) {
            client.close();
        }
    }

    /** How hard to pull: streams per source, bytes per request, and how long a silent stream may stall. */
    record Settings(int streamsPerSource, int rangeBytes, Duration stallTimeout) {
        static final Settings DEFAULT = new Settings(4, 8 * 1024 * 1024, Duration.ofSeconds(30));
    }

    private final String share;
    private final Manifest manifest;
    private final Path target;
    private final List<Source> sources;
    private final Settings settings;
    private final LongConsumer progress;
    private final BooleanSupplier cancelled;
    private final PartFile.Placement placement;

    FileFetch(String share, Manifest manifest, Path target, List<Source> sources, Settings settings, LongConsumer progress,
            BooleanSupplier cancelled, PartFile.Placement placement) {
        this.share = share;
        this.manifest = manifest;
        this.target = target;
        this.sources = List.copyOf(sources);
        this.settings = settings;
        this.progress = progress;
        this.cancelled = cancelled;
        this.placement = placement;
    }

    /** Whether the file fits in one request, so that one stream reused file after file serves it best. */
    static boolean oneRange(Manifest manifest, Settings settings) {
        return (long) manifest.blocks() * manifest.blockSize() <= settings.rangeBytes();
    }

    void run() throws FilesException {
        try (PartFile part = new PartFile(manifest, target)) {
            if (part.targetComplete()) {
                progress.accept(manifest.entry().size());
                return;
            }
            placement.seed().start(PartFile.of(target));
            BitSet have = part.reuse();
            progress.accept(part.bytes(have));
            fetchMissing(part, have);
            part.finish(placement);
        } catch (IOException e) {
            throw new FilesException(problem(e), e);
        }
    }

    // --- fetching ------------------------------------------------------------------------------

    /** A run of consecutive blocks, with the sources that served it corrupt. */
    private record Range(int first, int count, Set<PeerId> refusedBy) {
    }

    private void fetchMissing(PartFile part, BitSet have) throws IOException {
        Work work = new Work(ranges(have), sources.size());
        List<Worker> workers = new ArrayList<>();
        for (Source source : sources) {
            for (int i = 0; i < settings.streamsPerSource(); i++) {
                workers.add(new Worker(source, work, part));
            }
        }
        if (work.isDone()) {
            return;
        }
        if (work.queue.size() == 1) {
            workers.get(0).run(); // one range: no threads to start, the caller's stream serves it
            work.throwProblem();
            return;
        }
        List<Thread> threads = new ArrayList<>();
        for (Worker worker : workers) {
            threads.add(Thread.ofPlatform().daemon().name("peerdesk-fetch-" + manifest.entry().name()).start(worker));
        }
        try {
            work.awaitEnd(workers, settings.stallTimeout(), cancelled);
        } finally {
            for (Worker worker : workers) {
                worker.stop();
            }
            for (Thread thread : threads) {
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        work.throwProblem();
    }

    private Deque<Range> ranges(BitSet have) {
        Deque<Range> ranges = new ArrayDeque<>();
        int perRange = Math.max(1, settings.rangeBytes() / manifest.blockSize());
        int block = have.nextClearBit(0);
        while (block < manifest.blocks()) {
            int end = Math.min(manifest.blocks(), block + perRange);
            int nextHad = have.nextSetBit(block);
            if (nextHad >= 0 && nextHad < end) {
                end = nextHad;
            }
            ranges.add(new Range(block, end - block, new HashSet<>()));
            block = have.nextClearBit(end);
        }
        return ranges;
    }

    /** The shared queue of ranges, and how the fetch ends: all written, or a problem. */
    private final class Work {

        private final Deque<Range> queue;
        private int inFlight;
        private int liveSources;
        private final Set<PeerId> deadSources = new HashSet<>();
        private IOException problem;

        Work(Deque<Range> queue, int sources) {
            this.queue = queue;
            this.liveSources = sources;
        }

        synchronized boolean isDone() {
            return queue.isEmpty() && inFlight == 0;
        }

        /** The next range this source may serve; null when there is nothing left for it. */
        synchronized Range take(PeerId source) throws InterruptedException {
            while (problem == null && !deadSources.contains(source)) {
                for (Iterator<Range> it = queue.iterator(); it.hasNext();) {
                    Range range = it.next();
                    if (!range.refusedBy().contains(source)) {
                        it.remove();
                        inFlight++;
                        return range;
                    }
                }
                if (inFlight == 0) {
                    return null;
                }
                wait();
            }
            return null;
        }

        synchronized void done() {
            inFlight--;
            notifyAll();
        }

        /** The range goes back for another source; if no source is left to serve it, the fetch fails. */
        synchronized void putBack(Range range) {
            inFlight--;
            queue.addFirst(range);
            if (range.refusedBy().containsAll(liveOnes())) {
                fail(new IOException("every peer that has '" + manifest.entry().path() + "' served blocks that do not match"
                        + " their hashes (block " + range.first() + "); nothing corrupt was written"));
            }
            notifyAll();
        }

        synchronized void sourceLost(PeerId source, IOException why) {
            if (deadSources.add(source)) {
                liveSources--;
                if (liveSources == 0) {
                    fail(why);
                }
            }
            notifyAll();
        }

        synchronized void fail(IOException why) {
            if (problem == null) {
                problem = why;
            }
            notifyAll();
        }

        private Set<PeerId> liveOnes() {
            Set<PeerId> live = new HashSet<>();
            for (Source source : sources) {
                if (!deadSources.contains(source.peer())) {
                    live.add(source.peer());
                }
            }
            return live;
        }

        synchronized void awaitEnd(List<Worker> workers, Duration stallTimeout, BooleanSupplier cancelled) throws IOException {
            while (problem == null && !isDone()) {
                try {
                    wait(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    fail(new IOException("interrupted"));
                }
                if (cancelled.getAsBoolean()) {
                    throw new CancellationException("cancelled");
                }
                long now = System.nanoTime();
                for (Worker worker : workers) {
                    worker.abortIfStalled(now, stallTimeout);
                }
            }
        }

        synchronized void throwProblem() throws IOException {
            if (problem != null) {
                throw problem;
            }
        }
    }

    private final class Worker implements Runnable {

        private final Source source;
        private final Work work;
        private final PartFile part;
        private volatile FilesClient client;
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean busy;
        private volatile boolean stopped;

        Worker(Source source, Work work, PartFile part) {
            this.source = source;
            this.work = work;
            this.part = part;
        }

        @Override
        public void run() {
            byte[] block = new byte[manifest.blocks() == 0 ? 0 : manifest.length(0)]; // a small file's only block is short
            MessageDigest digest = BlockHasher.sha256();
            try {
                client = source.open();
            } catch (IOException e) {
                work.sourceLost(source.peer(), e);
                return;
            }
            try {
                Range range;
                while (!stopped && (range = work.take(source.peer())) != null) {
                    busy = true;
                    lastProgress = System.nanoTime();
                    try {
                        fetch(range, block, digest);
                    } catch (CorruptBlock e) {
                        client.abort(); // out of step now; the source may still serve other ranges on other streams
                        range.refusedBy().add(source.peer());
                        work.putBack(new Range(e.block, range.first() + range.count() - e.block, range.refusedBy()));
                        return;
                    } catch (LocalWriteFailure e) {
                        client.abort();
                        work.putBack(range);
                        work.fail(e.cause);
                        return;
                    } catch (IOException | InvalidInputException e) {
                        client.abort();
                        work.putBack(range);
                        work.sourceLost(source.peer(), e instanceof IOException io ? io : new IOException(e.getMessage(), e));
                        return;
                    } finally {
                        busy = false;
                    }
                    work.done();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                source.release(client);
            }
        }

        private void fetch(Range range, byte[] block, MessageDigest digest) throws IOException, InvalidInputException {
            if (!client.requestBlocks(share, manifest, range.first(), range.count())) {
                throw new IOException(source.peer().shortForm() + " changed '" + manifest.entry().path()
                        + "' during the download; retry once it has indexed the new version");
            }
            for (int i = range.first(); i < range.first() + range.count(); i++) {
                int length = manifest.length(i);
                client.readBlock(block, length);
                digest.update(block, 0, length);
                if (!manifest.matches(i, digest.digest())) {
                    throw new CorruptBlock(i);
                }
                try {
                    part.write(i, block);
                } catch (IOException e) {
                    throw new LocalWriteFailure(e);
                }
                lastProgress = System.nanoTime();
                progress.accept(length);
            }
        }

        void abortIfStalled(long now, Duration timeout) {
            if (busy && now - lastProgress > timeout.toNanos() && client != null) {
                client.abort();
            }
        }

        void stop() {
            stopped = true;
            FilesClient open = client;
            if (open != null && busy) {
                open.abort();
            }
        }
    }

    private static final class CorruptBlock extends IOException {
        private static final long serialVersionUID = 1L;
        final int block;

        CorruptBlock(int block) {
            super("block " + block + " does not match its hash");
            this.block = block;
        }
    }

    /** Writing to this machine's disk failed: no source is to blame, and no other source helps. */
    private static final class LocalWriteFailure extends IOException {
        private static final long serialVersionUID = 1L;
        final IOException cause;

        LocalWriteFailure(IOException cause) {
            super(cause.getMessage(), cause);
            this.cause = cause;
        }
    }

    private String problem(IOException e) {
        if (PartFile.diskFull(e)) {
            return "The disk is full while downloading '" + manifest.entry().path() + "' to " + target.getParent()
                    + ". What arrived is kept and the download resumes from it when you retry after freeing space.";
        }
        return "Could not download '" + manifest.entry().path() + "': " + IoMessages.of(e);
    }
}
