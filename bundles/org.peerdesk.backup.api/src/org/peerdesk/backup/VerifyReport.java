package org.peerdesk.backup;

import java.util.List;

/**
 * What verifying a set found: of {@code copies} copies of {@code chunks} chunks, how many holders
 * proved they hold, how many were missing or corrupt, how many copies were made again, and what is
 * still wrong (holders offline, chunks with no good copy left).
 */
public record VerifyReport(int chunks, int copies, int proven, int missing, int corrupt, int repaired, List<String> problems) {

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    /** Every copy proven or made again, nothing left to report. */
    public boolean healthy() {
        return problems.isEmpty() && proven + repaired >= copies;
    }
}
