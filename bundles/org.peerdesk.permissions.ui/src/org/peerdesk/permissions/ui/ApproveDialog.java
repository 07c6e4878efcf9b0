package org.peerdesk.permissions.ui;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.ByteSizes;
import org.peerdesk.core.InvalidInputException;
import org.peerdesk.permissions.AccessRequest;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;
import org.peerdesk.ui.Notes;
import org.peerdesk.ui.WidgetIds;

/**
 * Approves a request, with the rights asked for (the owner may untick some), an optional time limit, and, for backup
 * storage, the quota the owner gives (the one asked for to start with; emptied, no limit).
 */
final class ApproveDialog extends Dialog {

    private final AccessRequest request;
    private final String peerName;
    /** Whether the asker is not a known peer, which approving makes it. */
    private final boolean stranger;
    private final Map<Right, Button> rightBoxes = new LinkedHashMap<>();
    private Combo limit;
    /** The storage given, for a request of backup storage; null for other resources. */
    private Text quotaField;
    private Set<Right> rights;
    private Optional<Duration> duration = Optional.empty();
    private Optional<OptionalLong> quota = Optional.empty();

    ApproveDialog(Shell parent, AccessRequest request, String peerName, boolean stranger) {
        super(parent);
        this.request = request;
        this.peerName = peerName;
        this.stranger = stranger;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Approve request");
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        GridLayoutFactory.swtDefaults().numColumns(1).applyTo(area);
        Notes.add(area, peerName + " asks for " + request.asked().resource() + AccessRows.storage(request.asked().quotaBytes())
                + (request.note().isEmpty() ? "." : ":\n\u201c" + request.note() + "\u201d"), 360);
        if (stranger) {
            WidgetIds.name(Notes.add(area, "It is not one of your peers: approving also adds it to them, trusted, by the name it gave"
                    + " (which anyone could give; its ID is what proves who it is).", 360), "approve.stranger");
        }
        for (Right right : EnumSet.copyOf(request.asked().rights())) {
            Button box = WidgetIds.name(new Button(area, SWT.CHECK), "approve.right." + right.word());
            box.setText(right.word());
            box.setSelection(true);
            rightBoxes.put(right, box);
        }
        if (request.asked().resource().kind() == Resource.Kind.BACKUP) {
            Composite row = new Composite(area, SWT.NONE);
            GridLayoutFactory.fillDefaults().numColumns(2).applyTo(row);
            quotaField = Forms.quotaField(row, "Storage you give:", "approve.quota");
            request.asked().quotaBytes().ifPresent(asked -> quotaField.setText(ByteSizes.written(asked)));
        }
        limit = TimeLimits.combo(area, "approve.limit");
        return area;
    }

    @Override
    protected void okPressed() {
        rights = EnumSet.noneOf(Right.class);
        rightBoxes.forEach((right, box) -> {
            if (box.getSelection()) {
                rights.add(right);
            }
        });
        if (rights.isEmpty()) {
            getButton(IDialogConstants.OK_ID).setText("Tick a right");
            return;
        }
        if (quotaField != null) {
            try {
                quota = Optional.of(Forms.quota(quotaField.getText()));
            } catch (InvalidInputException e) {
                getButton(IDialogConstants.OK_ID).setText("Give a size like 50G");
                return;
            }
        }
        duration = TimeLimits.chosen(limit);
        super.okPressed();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, "Approve", true), "approve.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    Set<Right> rights() {
        return rights;
    }

    Optional<Duration> duration() {
        return duration;
    }

    /** The storage given (an empty quota for no limit); empty where the request is not for backup storage. */
    Optional<OptionalLong> quota() {
        return quota;
    }
}
