package org.peerdesk.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AreaSchemaTest {

    private static final Migration ONE = Migration.sql(1, "one", "SELECT 1");
    private static final Migration TWO = Migration.sql(2, "two", "SELECT 2");
    private static final Migration THREE = Migration.sql(3, "three", "SELECT 3");

    @Test
    void versionsMustRunOneTwoThreeWithoutGaps() {
        assertEquals(2, AreaSchema.of("files", ONE, TWO).latestVersion());
        assertThrows(IllegalArgumentException.class, () -> AreaSchema.of("files", ONE, THREE));
        assertThrows(IllegalArgumentException.class, () -> AreaSchema.of("files", TWO, ONE));
        assertThrows(IllegalArgumentException.class, () -> AreaSchema.of("files", TWO));
    }

    @Test
    void areaNamesAreIdentifiers() {
        assertThrows(IllegalArgumentException.class, () -> AreaSchema.of("Files; DROP", ONE));
        assertThrows(IllegalArgumentException.class, () -> Migration.sql(0, "zero", "SELECT 0"));
        assertThrows(IllegalArgumentException.class, () -> Migration.sql(1, " ", "SELECT 0"));
    }
}
