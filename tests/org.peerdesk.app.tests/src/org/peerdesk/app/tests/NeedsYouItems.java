package org.peerdesk.app.tests;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Link;
import org.peerdesk.testing.ui.UiRobot;

/** The items of This node's "Needs you" list, and their links. */
final class NeedsYouItems {

    private NeedsYouItems() {
    }

    /** Each item's text, its link in {@code <a>} tags. */
    static List<String> of(UiRobot robot) {
        Composite list = robot.find(Composite.class, "overview.needs");
        return robot.read(() -> robot.all(list, Link.class).stream().map(Link::getText).toList());
    }

    /**
     * Follows the link of the {@code index}th item, as a click on its words would: queued, not waited for, since
     * a link may open a dialog, which keeps the UI thread in its own loop until it closes.
     */
    static void follow(UiRobot robot, int index) {
        Composite list = robot.find(Composite.class, "overview.needs");
        Link link = robot.read(() -> robot.all(list, Link.class).get(index));
        robot.read(link::getDisplay).asyncExec(() -> link.notifyListeners(SWT.Selection, new Event()));
    }
}
