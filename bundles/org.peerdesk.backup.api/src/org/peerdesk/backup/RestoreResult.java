package org.peerdesk.backup;

import java.nio.file.Path;
import java.util.List;

/** What a restore wrote under {@code target}, and the files it could not restore, each with the reason. */
public record RestoreResult(Path target, long files, long bytes, List<String> problems) {

    public RestoreResult {
        problems = List.copyOf(problems);
    }
}
