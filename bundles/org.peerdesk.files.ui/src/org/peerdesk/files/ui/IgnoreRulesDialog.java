package org.peerdesk.files.ui;

import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.peerdesk.core.IgnoreRules;
import org.peerdesk.ui.WidgetIds;

/** Edits a share's ignore rules: its {@code .peerdeskignore}, one pattern a line. */
final class IgnoreRulesDialog extends InputDialog {

    private static final int LINES = 10;
    private static final int COLUMNS = 50;

    IgnoreRulesDialog(Shell parent, String share, String rules) {
        super(parent, "What '" + share + "' leaves out",
                "Peers neither see nor fetch what these patterns name.\n"
                        + "One pattern a line, as in a .gitignore:\n"
                        + "    *.tmp  names ending so        build/  a folder, anywhere\n"
                        + "    /notes.txt  at the top only    **/drafts  at any depth\n"
                        + "    !keep.tmp  takes a name back\n"
                        + "The rules are the share's " + IgnoreRules.FILE + ", which syncs like\n"
                        + "its other files; a line " + IgnoreRules.FILE + " keeps them here.",
                rules, null);
    }

    @Override
    protected int getInputTextStyle() {
        return SWT.MULTI | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Control area = super.createDialogArea(parent);
        WidgetIds.name(getText(), "shares.ignore.rules");
        GridDataFactory.fillDefaults().grab(true, true)
                .hint(convertWidthInCharsToPixels(COLUMNS), convertHeightInCharsToPixels(LINES)).applyTo(getText());
        return area;
    }

    @Override
    protected boolean isResizable() {
        return true;
    }
}
