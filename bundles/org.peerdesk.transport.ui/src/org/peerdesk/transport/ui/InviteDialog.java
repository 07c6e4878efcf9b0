package org.peerdesk.transport.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.stream.Collectors;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.transport.Invite;
import org.peerdesk.transport.PeerAddress;

import com.google.zxing.WriterException;
import org.peerdesk.ui.Clipboards;
import org.peerdesk.ui.WidgetIds;

/** Shows a fresh invite code to hand to someone, with a button that copies it. */
final class InviteDialog extends Dialog {

    private final Invite invite;

    InviteDialog(Shell parent, Invite invite) {
        super(parent);
        this.invite = invite;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Invite someone");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().margins(12, 10).numColumns(2).applyTo(area);
        Label explanation = WidgetIds.name(new Label(area, SWT.WRAP), "invite.explanation");
        explanation.setText("Send this code to the person you want to connect with. In Peerdesk they choose "
                + "Add peer and paste it (or scan the picture); then you both know each other. It works once, until "
                + DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withZone(ZoneId.systemDefault())
                        .format(invite.expires()) + ". It tells their computer to reach yours at "
                + invite.addresses().stream().map(PeerAddress::shown).collect(Collectors.joining(", "))
                + " (for someone outside your network: File, Settings..., Addresses).");
        GridDataFactory.fillDefaults().span(2, 1).hint(480, SWT.DEFAULT).applyTo(explanation);
        Text code = WidgetIds.name(new Text(area, SWT.READ_ONLY | SWT.WRAP | SWT.BORDER), "invite.code");
        code.setText(invite.code());
        GridDataFactory.fillDefaults().grab(true, false).hint(380, SWT.DEFAULT).applyTo(code);
        Button copy = WidgetIds.name(new Button(area, SWT.PUSH), "invite.copy");
        copy.setText("Copy");
        copy.addListener(SWT.Selection, event -> Clipboards.copy(copy.getDisplay(), invite.code()));
        Label qr = WidgetIds.name(new Label(area, SWT.CENTER), "invite.qr");
        GridDataFactory.fillDefaults().span(2, 1).align(SWT.CENTER, SWT.CENTER).applyTo(qr);
        try {
            Image picture = new Image(qr.getDisplay(), QrCodes.picture(invite.code(), 3));
            qr.setImage(picture);
            qr.addDisposeListener(event -> picture.dispose());
        } catch (WriterException e) {
            qr.setText("(The code is too long for a QR code; copy it instead.)");
        }
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true), "invite.close");
    }
}
