package org.peerdesk.app.handlers;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.FrameworkUtil;
import org.peerdesk.storage.NodeStartup;
import org.peerdesk.ui.WidgetIds;

/** What Peerdesk is, which version runs, on which Java, and where this node keeps its data. */
final class AboutDialog extends Dialog {

    private final NodeStartup node;

    AboutDialog(Shell parent, NodeStartup node) {
        super(parent);
        this.node = node;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("About Peerdesk");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().margins(16, 12).spacing(6, 6).applyTo(area);
        Label title = new Label(area, SWT.NONE);
        title.setText("Peerdesk " + FrameworkUtil.getBundle(getClass()).getVersion());
        title.setFont(JFaceResources.getHeaderFont());
        WidgetIds.name(title, "about.title");
        line(area, "A serverless collaborative workspace: file sharing, encrypted messaging and backup,"
                + "\ndirectly between the computers of your team.");
        line(area, "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")");
        if (node != null) {
            WidgetIds.name(line(area, "Data directory: " + node.directory()), "about.data");
        }
        return area;
    }

    private static Label line(Composite parent, String text) {
        Label label = new Label(parent, SWT.WRAP);
        label.setText(text);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(label);
        return label;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true), "about.close");
    }
}
