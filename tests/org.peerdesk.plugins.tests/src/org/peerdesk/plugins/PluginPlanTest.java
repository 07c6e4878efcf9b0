package org.peerdesk.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginPlanTest {

    @TempDir
    Path folder;

    @Test
    void newFilesAreInstalledAndInstalledOnesLeftAlone() throws Exception {
        PluginFile chat = file("chat.jar", "chat 1");
        PluginFile notes = file("notes.jar", "notes 1");
        PluginPlan plan = PluginPlan.between(List.of(chat, notes), List.of(chat.location(), "reference:file:plugins/org.eclipse.osgi.jar"));
        assertEquals(List.of(), plan.locationsToRemove(), "bundles that are not plugins are never touched");
        assertEquals(List.of(notes), plan.filesToInstall());
        assertTrue(PluginPlan.between(List.of(chat), List.of(chat.location())).isEmpty());
    }

    @Test
    void aReplacedFileReplacesItsBundleAndAMissingFileRemovesIt() throws Exception {
        PluginFile old = file("chat.jar", "chat 1");
        PluginFile gone = file("notes.jar", "notes 1");
        PluginFile rebuilt = file("chat.jar", "chat 2");
        assertEquals(old.name(), rebuilt.name());
        PluginPlan plan = PluginPlan.between(List.of(rebuilt), List.of(old.location(), gone.location()));
        assertEquals(List.of(old.location(), gone.location()), plan.locationsToRemove());
        assertEquals(List.of(rebuilt), plan.filesToInstall());
    }

    private PluginFile file(String name, String content) throws Exception {
        return PluginFile.read(Files.writeString(folder.resolve(name), content));
    }
}
