package org.peerdesk.transport.ui;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.peerdesk.core.PeerId;
import org.peerdesk.ui.WidgetIds;

/** Picks the known peers to introduce one peer to: each hears of the other and may add them. */
final class IntroduceDialog extends Dialog {

    private final String introduced;
    private final List<PeerRow> others;
    private Table peers;
    private Label problem;
    private List<PeerId> chosen = List.of();

    /** Introduces the peer called {@code introduced} to some of {@code others}. */
    IntroduceDialog(Shell parent, String introduced, List<PeerRow> others) {
        super(parent);
        this.introduced = introduced;
        this.others = others;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Introduce " + introduced);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().applyTo(area);
        Label explained = new Label(area, SWT.WRAP);
        explained.setText("Introduce " + introduced + " to the peers ticked below. Each of them hears of " + introduced + ", and "
                + introduced + " of each of them, when connected; those who accept add each other as peers.");
        GridDataFactory.fillDefaults().grab(true, false).hint(380, SWT.DEFAULT).applyTo(explained);
        peers = WidgetIds.name(new Table(area, SWT.BORDER | SWT.V_SCROLL | SWT.CHECK), "introduce.peers");
        for (PeerRow peer : others) {
            TableItem item = new TableItem(peers, SWT.NONE);
            item.setText(peer.name() + "  (" + peer.id().shortForm() + ")");
            item.setData(peer.id());
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(380, 160).applyTo(peers);
        problem = WidgetIds.name(new Label(area, SWT.WRAP), "introduce.problem");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(problem);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Introduce", true), "introduce.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        List<PeerId> ticked = new ArrayList<>();
        for (TableItem item : peers.getItems()) {
            if (item.getChecked()) {
                ticked.add((PeerId) item.getData());
            }
        }
        if (ticked.isEmpty()) {
            problem.setText("Tick the peers to introduce " + introduced + " to.");
            return;
        }
        chosen = ticked;
        super.okPressed();
    }

    /** The peers ticked, once the dialog closed with Introduce. */
    List<PeerId> chosen() {
        return chosen;
    }
}
