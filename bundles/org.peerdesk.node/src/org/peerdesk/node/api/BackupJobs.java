package org.peerdesk.node.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupProgress;
import org.peerdesk.core.Threads;

/**
 * Backup operations started through the API (runs, restores, verifications, recoveries) run here,
 * on threads of their own, so that a request returns at once with a job that the CLI and scripts
 * wait on or poll for its progress and, in the end, its result or error. Finished jobs are kept for
 * an hour.
 */
final class BackupJobs implements AutoCloseable {

    interface Work {
        Map<String, Object> run(BackupProgress progress) throws BackupException;
    }

    private static final long KEEP_SECONDS = 3600;

    private final ExecutorService threads = Executors.newCachedThreadPool(Threads.daemon("peerdesk-api-backup"));
    private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    /** One operation and how far it got. */
    private static final class Job implements BackupProgress {
        final long id;
        final String kind;
        final String set;
        final Instant started = Instant.now();
        volatile String phase = "Starting";
        volatile long done;
        volatile long total;
        volatile boolean cancelled;
        volatile String state = "running";
        volatile Map<String, Object> result;
        volatile String error;
        volatile Instant ended;
        final CountDownLatch finished = new CountDownLatch(1);

        Job(long id, String kind, String set) {
            this.id = id;
            this.kind = kind;
            this.set = set;
        }

        @Override
        public void advanced(String phase, long done, long total) {
            this.phase = phase;
            this.done = done;
            this.total = total;
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }
    }

    Map<String, Object> start(String kind, String set, Work work) {
        Job job = new Job(ids.incrementAndGet(), kind, set);
        jobs.put(job.id, job);
        threads.execute(() -> {
            try {
                job.result = work.run(job);
                job.state = "done";
            } catch (BackupException | RuntimeException e) {
                job.error = e.getMessage() == null ? e.toString() : e.getMessage();
                job.state = job.cancelled ? "cancelled" : "failed";
            } finally {
                job.ended = Instant.now();
                job.finished.countDown();
            }
        });
        return describe(job);
    }

    List<Map<String, Object>> list() {
        Instant forgetBefore = Instant.now().minusSeconds(KEEP_SECONDS);
        jobs.values().removeIf(job -> job.ended != null && job.ended.isBefore(forgetBefore));
        List<Map<String, Object>> all = new ArrayList<>();
        jobs.values().stream().sorted((a, b) -> Long.compare(a.id, b.id)).forEach(job -> all.add(describe(job)));
        return all;
    }

    Optional<Map<String, Object>> find(long id) {
        return Optional.ofNullable(jobs.get(id)).map(BackupJobs::describe);
    }

    /** The job as soon as it is no longer running, or as it is after {@code millis}; empty if there is no such job. */
    Optional<Map<String, Object>> await(long id, long millis) throws InterruptedException {
        Job job = jobs.get(id);
        if (job == null) {
            return Optional.empty();
        }
        job.finished.await(millis, TimeUnit.MILLISECONDS);
        return Optional.of(describe(job));
    }

    boolean cancel(long id) {
        Job job = jobs.get(id);
        if (job == null) {
            return false;
        }
        job.cancelled = true;
        return true;
    }

    private static Map<String, Object> describe(Job job) {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("id", job.id);
        description.put("kind", job.kind);
        description.put("set", job.set);
        description.put("state", job.state);
        description.put("phase", job.phase);
        description.put("done", job.done);
        description.put("total", job.total);
        description.put("started", job.started.toString());
        description.put("result", job.result);
        description.put("error", job.error);
        return description;
    }

    @Override
    public void close() {
        jobs.values().forEach(job -> job.cancelled = true);
        threads.shutdownNow();
    }
}
