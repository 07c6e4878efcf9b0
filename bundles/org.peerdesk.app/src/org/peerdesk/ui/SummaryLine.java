package org.peerdesk.ui;

import org.eclipse.swt.widgets.Label;

/**
 * A view's summary: what the user's last action came to, kept in front of what the view counts, so that the
 * refresh the action causes does not wipe out its outcome before anyone could read it.
 */
public final class SummaryLine {

    private final Label label;
    private String outcome = "";

    public SummaryLine(Label label) {
        this.label = label;
    }

    /** Says what an action came to (or why it could not be done), until the next one. */
    public void outcome(String said) {
        outcome = said;
        show(said);
    }

    /** Says what the view shows now, after the last action's outcome. */
    public void counts(String counts) {
        show(outcome.isEmpty() ? counts : outcome + " " + counts);
    }

    private void show(String text) {
        label.setText(text);
        StatusLabels.fit(label);
    }
}
