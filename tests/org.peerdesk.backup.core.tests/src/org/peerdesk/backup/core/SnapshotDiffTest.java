package org.peerdesk.backup.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.peerdesk.backup.SnapshotDiff;

/** What changed between two snapshots, in the sentence the restore wizard shows. */
class SnapshotDiffTest {

    @Test
    void eachKindIsCountedAndItsFirstFilesNamed() {
        SnapshotDiff diff = new SnapshotDiff(List.of("p/a", "p/b", "p/c"), List.of("p/old"), List.of());
        assertEquals("3 files added, 1 removed: added p/a, p/b and 1 more; removed p/old",
                diff.summary(2));
        assertEquals("1 file changed: changed notes.txt", new SnapshotDiff(List.of(), List.of(), List.of("notes.txt")).summary(2));
        assertEquals("no file changed", new SnapshotDiff(List.of(), List.of(), List.of()).summary(2));
    }
}
