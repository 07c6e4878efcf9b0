package org.peerdesk.files;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * A download from a peer or an upload to one, with how far it got. {@code remote} is the path in
 * the peer's share ({@code share/path}); {@code local} the file or folder on this machine.
 */
public record Transfer(long id, Direction direction, PeerId peer, String remote, Path local, State state, Progress progress,
        Optional<String> problem, Instant created) {

    public enum Direction {
        DOWNLOAD, UPLOAD;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum State {
        /** Waiting for its turn or for the peer to come online. */
        QUEUED,
        RUNNING,
        DONE,
        /** Stopped with a problem; retry resumes it without fetching verified blocks again. */
        FAILED,
        CANCELLED;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Bytes and files done of the total (the totals grow while a folder is still being listed), and the current speed. */
    public record Progress(long bytesDone, long bytesTotal, int filesDone, int filesTotal, long bytesPerSecond) {

        public static final Progress NONE = new Progress(0, 0, 0, 0, 0);

        /** Done as a fraction 0..1. */
        public double fraction() {
            return bytesTotal <= 0 ? (filesTotal > 0 && filesDone == filesTotal ? 1 : 0) : (double) bytesDone / bytesTotal;
        }

        /** The time left at the current speed, if there is a speed to go by. */
        public Optional<Duration> timeLeft() {
            return bytesPerSecond <= 0 ? Optional.empty()
                    : Optional.of(Duration.ofMillis(Math.max(0, bytesTotal - bytesDone) * 1000 / bytesPerSecond));
        }
    }

    public Transfer {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(created, "created");
    }

    /** Where in the peer's share (as {@code share/path}) the peer must grant this transfer its right: what it downloads, or where its upload lands. */
    public String grantPath() {
        return direction == Direction.UPLOAD ? remote + "/" + local.getFileName() : remote;
    }

    /** The file or folder this transfer sent (an upload), or brought (a download: into its {@code local} folder). */
    public Path brought() {
        return direction == Direction.UPLOAD ? local : local.resolve(remote.substring(remote.lastIndexOf('/') + 1));
    }
}
