package org.peerdesk.transport.ui;

import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.Introductions;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.transport.PeerAddress;
import org.peerdesk.ui.WidgetIds;

/**
 * Adds a peer: paste an invite code, or type a peer ID and address as ID@host:port. Connecting
 * runs in the background; the dialog says what went wrong and stays open, or closes on success.
 */
final class AddPeerDialog extends Dialog {

    private final Introductions introductions;
    private final UISynchronize ui;
    private Text target;
    private Label status;

    AddPeerDialog(Shell parent, Introductions introductions, UISynchronize ui) {
        super(parent);
        this.introductions = introductions;
        this.ui = ui;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Add peer");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().margins(12, 10).applyTo(area);
        Label prompt = new Label(area, SWT.WRAP);
        prompt.setText("Paste the invite code you were given, or a peer ID and address (ID@host:port):");
        GridDataFactory.fillDefaults().hint(480, SWT.DEFAULT).applyTo(prompt);
        target = WidgetIds.name(new Text(area, SWT.BORDER | SWT.WRAP | SWT.MULTI), "addpeer.target");
        GridDataFactory.fillDefaults().grab(true, false).hint(480, 60).applyTo(target);
        status = WidgetIds.name(new Label(area, SWT.WRAP), "addpeer.status");
        GridDataFactory.fillDefaults().grab(true, false).hint(480, SWT.DEFAULT).applyTo(status);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Connect", true), "addpeer.connect");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected void okPressed() {
        CompletionStage<KnownPeer> adding;
        try {
            adding = start(target.getText().strip());
        } catch (InvalidInputException e) {
            show(e.getMessage());
            return;
        }
        getButton(IDialogConstants.OK_ID).setEnabled(false);
        show("Connecting...");
        adding.whenComplete((peer, error) -> ui.asyncExec(() -> {
            if (getShell() == null || getShell().isDisposed()) {
                return;
            }
            if (error == null) {
                super.okPressed();
            } else {
                getButton(IDialogConstants.OK_ID).setEnabled(true);
                show(error instanceof CompletionException && error.getCause() != null
                        ? error.getCause().getMessage() : error.getMessage());
            }
        }));
    }

    private CompletionStage<KnownPeer> start(String text) throws InvalidInputException {
        if (text.isEmpty()) {
            throw new InvalidInputException("Paste an invite code, or type ID@host:port.");
        }
        if (text.toUpperCase().startsWith("PD1")) {
            return introductions.accept(text);
        }
        int at = text.lastIndexOf('@');
        if (at <= 0) {
            throw new InvalidInputException("That is neither an invite code (PD1-...) nor ID@host:port.");
        }
        return introductions.add(PeerId.parse(text.substring(0, at)), PeerAddress.parse(text.substring(at + 1)));
    }

    private void show(String message) {
        status.setText(message);
        status.getParent().layout(true);
        getShell().pack();
    }
}
