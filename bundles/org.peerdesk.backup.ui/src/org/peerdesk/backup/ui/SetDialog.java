package org.peerdesk.backup.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.backup.BackupService;
import org.peerdesk.backup.BackupSet;
import org.peerdesk.core.PeerId;
import org.peerdesk.transport.KnownPeer;
import org.peerdesk.ui.WidgetIds;

/**
 * Asks for a new backup set, or changes one: its name, folders, the data of areas and plugins it keeps too (the
 * conversations, say: ticked for a new set where no other set keeps them), the peers that hold it, how many copies, and
 * how often it runs by itself.
 */
final class SetDialog extends TitleAreaDialog {

    /** What the user chose. */
    record Choice(String name, List<Path> folders, List<String> sources, List<PeerId> holders, int copies, Optional<Duration> every) {
    }

    /** How often a new set runs unless the user says otherwise. */
    private static final int DEFAULT_HOURS = 6;
    private static final int MAX_HOURS = 24 * 7;

    /** What the dialog offers to choose from: the known peers, the sources installed and those other sets keep. */
    record Offered(List<KnownPeer> peers, SortedMap<String, String> sources, Set<String> keptElsewhere) {
    }

    private final List<KnownPeer> peers;
    private final Offered offered;
    /** The set being changed; empty for a new one. */
    private final Optional<BackupSet> existing;
    private final List<Button> sources = new ArrayList<>();
    private Text name;
    private org.eclipse.swt.widgets.List folders;
    private Table holders;
    private Spinner copies;
    private Button scheduled;
    private Spinner hours;
    private Choice choice;

    SetDialog(Shell shell, Offered offered, Optional<BackupSet> existing) {
        super(shell);
        this.peers = List.copyOf(offered.peers());
        this.offered = offered;
        this.existing = existing;
    }

    Choice choice() {
        return choice;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle(existing.map(set -> "Change '" + set.name() + "'").orElse("Back up folders to peers"));
        setMessage("Everything is encrypted here before it leaves; the holders see neither names nor contents.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite form = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(form);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
        new Label(form, SWT.NONE).setText("Name:");
        name = WidgetIds.name(new Text(form, SWT.BORDER), "backup.add.name");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(name);
        existing.ifPresent(set -> {
            name.setText(set.name());
            name.setEditable(false); // a set is known by its name: another name is another set
        });
        new Label(form, SWT.NONE).setText("Folders:");
        folders = WidgetIds.name(new org.eclipse.swt.widgets.List(form, SWT.BORDER | SWT.V_SCROLL), "backup.add.folders");
        GridDataFactory.fillDefaults().grab(true, false).hint(SWT.DEFAULT, 60).applyTo(folders);
        existing.ifPresent(set -> set.folders().forEach(folder -> folders.add(folder.toString())));
        Composite folderButtons = new Composite(form, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(folderButtons);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(folderButtons);
        Button add = WidgetIds.name(new Button(folderButtons, SWT.PUSH), "backup.add.folder");
        add.setText("Add...");
        add.addListener(SWT.Selection, event -> addFolder());
        GridDataFactory.fillDefaults().applyTo(add);
        Button remove = WidgetIds.name(new Button(folderButtons, SWT.PUSH), "backup.remove.folder");
        remove.setText("Remove");
        remove.addListener(SWT.Selection, event -> {
            if (folders.getSelectionIndex() >= 0) {
                folders.remove(folders.getSelectionIndex());
            }
        });
        GridDataFactory.fillDefaults().applyTo(remove);
        sources(form);
        new Label(form, SWT.NONE).setText("Holders:");
        holders = WidgetIds.name(new Table(form, SWT.BORDER | SWT.CHECK | SWT.V_SCROLL), "backup.add.holders");
        List<PeerId> chosen = existing.map(BackupSet::holders).orElse(List.of());
        for (KnownPeer peer : peers) {
            holder(peer.id(), peer.name() + "  (" + peer.id().shortForm() + ")", chosen.contains(peer.id()));
        }
        chosen.stream().filter(id -> peers.stream().noneMatch(peer -> peer.id().equals(id)))
                .forEach(id -> holder(id, id.shortForm() + "  (no longer a known peer)", true));
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).hint(SWT.DEFAULT, 90).applyTo(holders);
        new Label(form, SWT.NONE).setText("Copies:");
        Composite copiesRow = spanningRow(form);
        copies = WidgetIds.name(new Spinner(copiesRow, SWT.BORDER), "backup.add.copies");
        copies.setValues(existing.map(BackupSet::copies).orElse(BackupService.DEFAULT_COPIES), 1, BackupService.MAX_COPIES, 0, 1, 1);
        new Label(copiesRow, SWT.NONE).setText("each chunk on this many holders (they must have granted you store-backup)");
        scheduled = WidgetIds.name(new Button(form, SWT.CHECK), "backup.add.scheduled");
        scheduled.setText("Every");
        Composite scheduleRow = spanningRow(form);
        hours = WidgetIds.name(new Spinner(scheduleRow, SWT.BORDER), "backup.add.hours");
        Optional<Duration> every = existing.isPresent() ? existing.get().every() : Optional.of(Duration.ofHours(DEFAULT_HOURS));
        hours.setValues(every.map(SetDialog::hours).orElse(DEFAULT_HOURS), 1, MAX_HOURS, 0, 1, 6);
        scheduled.setSelection(every.isPresent());
        hours.setEnabled(every.isPresent());
        scheduled.addListener(SWT.Selection, event -> hours.setEnabled(scheduled.getSelection()));
        new Label(scheduleRow, SWT.NONE).setText("hours, while this node runs (else only by hand: Run now)");
        return area;
    }

    /**
     * A box for each source of data the set may keep too, ticked where the set keeps it (for a new set: where no other set
     * does), and one for each source the set keeps that is not installed now.
     */
    private void sources(Composite form) {
        Set<String> names = new TreeSet<>(offered.sources().keySet());
        existing.ifPresent(set -> names.addAll(set.sources()));
        if (names.isEmpty()) {
            return;
        }
        new Label(form, SWT.NONE).setText("Also back up:");
        Composite boxes = new Composite(form, SWT.NONE);
        GridLayoutFactory.fillDefaults().applyTo(boxes);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(boxes);
        for (String source : names) {
            Button box = WidgetIds.name(new Button(boxes, SWT.CHECK), "backup.add.source." + source);
            String label = offered.sources().get(source);
            box.setText(label != null ? label + " (in Peerdesk/" + source + ")"
                    : "'" + source + "': not installed now; the snapshots keep what it last wrote");
            box.setData(source);
            box.setSelection(existing.map(set -> set.sources().contains(source)).orElse(!offered.keptElsewhere().contains(source)));
            sources.add(box);
        }
    }

    /** A row across the form's last two columns: a spinner and what it means. */
    private static Composite spanningRow(Composite form) {
        Composite row = new Composite(form, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(row);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(row);
        return row;
    }

    private void holder(PeerId id, String text, boolean checked) {
        TableItem item = new TableItem(holders, SWT.NONE);
        item.setText(text);
        item.setData(id);
        item.setChecked(checked);
    }

    private static int hours(Duration every) {
        return (int) Math.clamp(Math.round(every.toMinutes() / 60.0), 1, MAX_HOURS);
    }

    /** The schedule as chosen; one the spinner shows rounded (90 minutes, set by the CLI) stays as it was unless changed. */
    private Optional<Duration> every() {
        if (!scheduled.getSelection()) {
            return Optional.empty();
        }
        Optional<Duration> before = existing.flatMap(BackupSet::every);
        return before.isPresent() && hours(before.get()) == hours.getSelection() ? before : Optional.of(Duration.ofHours(hours.getSelection()));
    }

    private void addFolder() {
        DirectoryDialog chooser = new DirectoryDialog(getShell());
        chooser.setText("Back up a folder");
        String folder = chooser.open();
        if (folder != null) {
            folders.add(folder);
            if (name.getText().isBlank()) {
                name.setText(Path.of(folder).getFileName() == null ? "backup" : Path.of(folder).getFileName().toString());
            }
        }
    }

    @Override
    protected void okPressed() {
        List<PeerId> chosen = new ArrayList<>();
        for (TableItem item : holders.getItems()) {
            if (item.getChecked()) {
                chosen.add((PeerId) item.getData());
            }
        }
        String problem = name.getText().isBlank() ? "Give the set a name."
                : folders.getItemCount() == 0 ? "Add at least one folder."
                : chosen.size() < copies.getSelection() ? "Tick at least " + copies.getSelection() + " holders, one per copy."
                : null;
        if (problem != null) {
            setErrorMessage(problem);
            return;
        }
        List<String> kept = sources.stream().filter(Button::getSelection).map(box -> (String) box.getData()).toList();
        choice = new Choice(name.getText().strip(), List.of(folders.getItems()).stream().map(Path::of).toList(), kept, chosen,
                copies.getSelection(), every());
        super.okPressed();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.name(createButton(parent, IDialogConstants.OK_ID, existing.isPresent() ? "Save" : "Add", true), "backup.add.ok");
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }
}
