package org.peerdesk.app.tests;

import static org.peerdesk.app.tests.DesktopSession.service;
import static org.peerdesk.app.tests.DesktopSession.show;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.backup.BackupService;
import org.peerdesk.core.PeerId;

/** The Backups view in the real window, on the node's real backup service. */
class BackupsPartTest {

    @TempDir
    Path home;

    @Test
    void aSetIsListedAndARunWithNoHolderOnlineSaysSoAsAJob() throws Throwable {
        Path folder = Files.createDirectories(home.resolve("photos"));
        Files.writeString(folder.resolve("summer.txt"), "sand");
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            MWindow window = workbench.getApplication().getChildren().get(0);
            show(window, robot, "org.peerdesk.backup.ui.part.backups");
            Label status = robot.find(Label.class, "backups.status");
            robot.waitUntil("an empty node offers to back up folders", () -> status.getText().contains("No backup sets yet"));

            byte[] holder = new byte[PeerId.LENGTH];
            holder[0] = 9;
            service(BackupService.class).addSet("photos", List.of(folder), List.of(new PeerId(holder)), 1, Optional.empty());
            Table sets = robot.find(Table.class, "backups.sets");
            robot.waitUntil("the set is listed", () -> sets.getItemCount() == 1);
            assertEquals("photos", robot.read(() -> sets.getItem(0).getText(0)));
            assertEquals("never", robot.read(() -> sets.getItem(0).getText(2)));
            assertEquals("nothing backed up yet", robot.read(() -> sets.getItem(0).getText(3)));
            assertTrue(robot.read(() -> sets.getItem(0).getText(4)).endsWith("(offline)"));

            robot.onUiThread(() -> sets.select(0));
            robot.click(robot.find(Button.class, "backups.run"));
            robot.waitUntil("the run's job ends and says why nothing was backed up",
                    () -> status.getText().contains("None of the holders is online"));
            robot.waitUntil("the set shows the failed run", () -> sets.getItem(0).getText(2).contains("None of the holders"));
        });
    }
}
