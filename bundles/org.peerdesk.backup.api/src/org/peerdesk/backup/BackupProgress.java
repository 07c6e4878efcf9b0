package org.peerdesk.backup;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Watches a long backup operation: told how far it got, asked whether to stop. Called from the
 * operation's own threads, often; keep it cheap.
 */
@ConsumerType
public interface BackupProgress {

    /** Ignores progress and never cancels. */
    BackupProgress NONE = new BackupProgress() {
        @Override
        public void advanced(String phase, long done, long total) {
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    };

    /** {@code done} of {@code total} (bytes, or items where the phase counts items) in {@code phase}. */
    void advanced(String phase, long done, long total);

    /** When true, the operation stops at the next safe point and throws a {@link BackupException}. */
    boolean cancelled();
}
