package org.peerdesk.app.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.ui.StatusLabels;

/** A view's status line keeps the table below it in place as its messages come and go. */
class StatusLabelsTest {

    @TempDir
    Path home;

    @Test
    void theTableBelowStaysPutForMessagesOfOneOrTwoLinesAndMovesForALongerOne() throws Throwable {
        DesktopSession.run(home.resolve("node"), (workbench, robot) -> {
            int[] tops = robot.read(() -> {
                Shell shell = new Shell(Display.getCurrent());
                try {
                    GridLayoutFactory.fillDefaults().applyTo(shell);
                    Label status = StatusLabels.create(shell, "test.status");
                    Table table = new Table(shell, SWT.BORDER);
                    GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
                    shell.setSize(260, 400);
                    shell.layout(true, true);
                    int[] found = new int[3];
                    String[] messages = {"Done.", "A message long enough to need a second line at this width.",
                            "A message so long that it needs more than two lines at this width: it goes on and on, and on again,"
                                    + " until the label has to make room for it."};
                    for (int i = 0; i < messages.length; i++) {
                        status.setText(messages[i]);
                        StatusLabels.fit(status);
                        found[i] = table.getLocation().y;
                    }
                    return found;
                } finally {
                    shell.dispose();
                }
            });
            assertEquals(tops[0], tops[1], "a second line takes no room from the table");
            assertTrue(tops[2] > tops[1], "a longer message makes room for itself: " + tops[2] + " against " + tops[1]);
        });
    }
}
