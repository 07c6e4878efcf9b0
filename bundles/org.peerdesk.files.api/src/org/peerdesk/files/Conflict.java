package org.peerdesk.files;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerId;

/**
 * Two versions of {@code path} changed on both sides since they last agreed: the newer one kept the
 * name, the other was kept beside it as {@code copy}, named after its author and its time. {@code merge} is
 * the label of the {@link ConflictMerger} that would merge them (empty where none takes the file).
 */
public record Conflict(long id, String share, String path, String copy, PeerId author, Instant found, Optional<String> merge) {

    /** What to do with a conflict. */
    public enum Choice {
        /** The version under the original name stays; the copy goes to the share's trash. */
        KEEP_ORIGINAL,
        /** The copy replaces the original, which goes to the share's trash. */
        KEEP_COPY,
        /** Both stay as they are, as two files. */
        KEEP_BOTH,
        /** The two merged into one under the original name (by the conflict's {@code merge}); both versions go to the trash. */
        MERGE;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public Conflict {
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(copy, "copy");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(found, "found");
        Objects.requireNonNull(merge, "merge");
    }

    /** The same conflict, said to be merged by {@code merger} (empty for none). */
    public Conflict mergedBy(Optional<String> merger) {
        return new Conflict(id, share, path, copy, author, found, merger);
    }
}
