package org.peerdesk.backup.ui;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.wizard.Wizard;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.backup.BackupException;
import org.peerdesk.backup.BackupService;
import org.peerdesk.backup.Snapshot;
import org.peerdesk.backup.SnapshotEntry;
import org.peerdesk.core.ByteSizes;
import org.peerdesk.ui.Icons;
import org.peerdesk.ui.Tables;
import org.peerdesk.ui.WidgetIds;

/**
 * Restores from a set in three steps: pick a snapshot, browse its tree and pick what to restore
 * (everything, or a folder or file), and pick where. The snapshot list and the tree are read in the
 * wizard's own progress area, off the UI thread; the restore itself runs as a Job.
 */
final class RestoreWizard extends Wizard {

    /** What to restore, and where; handed to {@link #onFinish}. */
    record Restore(String set, Snapshot snapshot, String path, Path target) {
    }

    interface Finish {
        void restore(Restore restore);
    }

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private final BackupService backups;
    private final String set;
    private final Finish onFinish;
    private final SnapshotPage snapshots = new SnapshotPage();
    private final TreePage tree = new TreePage();
    private final TargetPage target = new TargetPage();

    RestoreWizard(BackupService backups, String set, Finish onFinish) {
        this.backups = backups;
        this.set = set;
        this.onFinish = onFinish;
        setWindowTitle("Restore from " + set);
        setNeedsProgressMonitor(true);
    }

    @Override
    public void addPages() {
        addPage(snapshots);
        addPage(tree);
        addPage(target);
    }

    @Override
    public boolean canFinish() {
        return snapshots.chosen() != null && target.folder() != null;
    }

    @Override
    public boolean performFinish() {
        onFinish.restore(new Restore(set, snapshots.chosen(), tree.chosenPath(), target.folder()));
        return true;
    }

    private interface Load<T> {
        T run() throws BackupException;
    }

    /** Runs a read in the wizard's progress area; null (with the page's error set) when it fails. */
    private <T> T load(WizardPage page, String what, Load<T> read) {
        try {
            T result = read(what, read);
            page.setErrorMessage(null);
            return result;
        } catch (BackupException e) {
            page.setErrorMessage(e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Runs a read in the wizard's progress area. */
    private <T> T read(String what, Load<T> read) throws BackupException, InterruptedException {
        Object[] result = new Object[1];
        try {
            getContainer().run(true, false, monitor -> {
                monitor.beginTask(what, -1);
                try {
                    result[0] = read.run();
                } catch (BackupException e) {
                    throw new InvocationTargetException(e);
                } finally {
                    monitor.done();
                }
            });
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof BackupException failure ? failure : new BackupException(String.valueOf(e.getCause()), e);
        }
        @SuppressWarnings("unchecked")
        T typed = (T) result[0];
        return typed;
    }

    private final class SnapshotPage extends WizardPage {
        /** How many files of each kind (added, removed, changed) the changes since the snapshot before name. */
        private static final int NAMED = 4;
        private TableViewer table;
        private List<Snapshot> found = List.of();
        private Label changes;

        SnapshotPage() {
            super("snapshot", "Pick a snapshot", null);
            setDescription("Each run of the set made one; the newest is on top. Pick one to see what changed since the one before.");
        }

        @Override
        public void createControl(Composite parent) {
            Composite page = new Composite(parent, SWT.NONE);
            GridLayoutFactory.fillDefaults().applyTo(page);
            table = Tables.create(page, "restore.snapshots");
            Tables.column(table, Snapshot.class, "Taken", 140, snapshot -> WHEN.format(snapshot.time()));
            Tables.column(table, Snapshot.class, "Files", 70, snapshot -> String.valueOf(snapshot.files()));
            Tables.column(table, Snapshot.class, "Size", 90, snapshot -> ByteSizes.format(snapshot.bytes()));
            Tables.column(table, Snapshot.class, "ID", 120, snapshot -> snapshot.id().substring(0, 12));
            GridDataFactory.fillDefaults().grab(true, true).hint(460, 220).applyTo(table.getControl());
            changes = WidgetIds.name(new Label(page, SWT.WRAP), "restore.changes");
            GridDataFactory.fillDefaults().grab(true, false).hint(460, SWT.DEFAULT).applyTo(changes);
            table.addSelectionChangedListener(event -> {
                getContainer().updateButtons();
                showChanges();
            });
            setControl(page);
        }

        /** What changed from the snapshot before the chosen one to it, read from the holders as it is chosen. */
        private void showChanges() {
            Snapshot chosen = chosen();
            int at = found.indexOf(chosen);
            if (chosen == null || at < 0) {
                changes.setText("");
            } else if (at == found.size() - 1) {
                changes.setText("The set's first snapshot: there is none before it to compare it with.");
            } else {
                Snapshot before = found.get(at + 1);
                String said;
                try {
                    said = "Since the snapshot before it (" + WHEN.format(before.time()) + "): "
                            + read("Comparing it with the snapshot before", () -> backups.diff(set, before.id(), chosen.id())).summary(NAMED)
                            + ".";
                } catch (BackupException e) {
                    said = "What changed since the snapshot before it cannot be read: " + e.getMessage();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (chosen.equals(chosen())) { // the user may have chosen another while the holders were asked
                    changes.setText(said);
                }
            }
            ((Composite) getControl()).layout(true, true);
        }

        @Override
        public void setVisible(boolean visible) {
            super.setVisible(visible);
            if (visible && table.getInput() == null) {
                List<Snapshot> read = load(this, "Reading the snapshots", () -> backups.snapshots(set));
                if (read != null) {
                    found = read;
                    table.setInput(found);
                    if (!found.isEmpty()) {
                        table.getTable().select(0);
                        showChanges();
                    } else {
                        setErrorMessage("The set has no snapshots yet: run it first.");
                    }
                    getContainer().updateButtons();
                }
            }
        }

        Snapshot chosen() {
            return table == null ? null : Tables.selected(table, Snapshot.class);
        }

        @Override
        public boolean isPageComplete() {
            return chosen() != null;
        }
    }

    private final class TreePage extends WizardPage {
        private TreeViewer viewer;
        private Snapshot shown;
        private Map<String, List<SnapshotEntry>> folders = Map.of();

        TreePage() {
            super("tree", "Pick what to restore", null);
            setDescription("Select a folder or file, or nothing to restore the whole snapshot.");
        }

        @Override
        public void createControl(Composite parent) {
            Composite page = new Composite(parent, SWT.NONE);
            GridLayoutFactory.fillDefaults().applyTo(page);
            viewer = new TreeViewer(page, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
            WidgetIds.name(viewer.getTree(), "restore.tree");
            viewer.setContentProvider(new ITreeContentProvider() {
                @Override
                public Object[] getElements(Object input) {
                    return folders.getOrDefault("", List.of()).toArray();
                }

                @Override
                public Object[] getChildren(Object parent) {
                    return folders.getOrDefault(((SnapshotEntry) parent).path(), List.of()).toArray();
                }

                @Override
                public Object getParent(Object element) {
                    return null;
                }

                @Override
                public boolean hasChildren(Object element) {
                    return ((SnapshotEntry) element).folder() && !folders.getOrDefault(((SnapshotEntry) element).path(), List.of()).isEmpty();
                }
            });
            viewer.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    SnapshotEntry entry = (SnapshotEntry) element;
                    return entry.folder() ? entry.name() : entry.name() + "  (" + ByteSizes.format(entry.size()) + ")";
                }

                @Override
                public Image getImage(Object element) {
                    return (((SnapshotEntry) element).folder() ? Icons.FOLDER : Icons.FILE).image(viewer.getControl().getDisplay());
                }
            });
            GridDataFactory.fillDefaults().grab(true, true).hint(460, 260).applyTo(viewer.getControl());
            setControl(page);
        }

        @Override
        public void setVisible(boolean visible) {
            super.setVisible(visible);
            Snapshot snapshot = snapshots.chosen();
            if (visible && snapshot != null && snapshot != shown) {
                Map<String, List<SnapshotEntry>> read = load(this, "Reading the snapshot's tree from the holders",
                        () -> allFolders(snapshot.id()));
                if (read != null) {
                    folders = read;
                    shown = snapshot;
                    viewer.setInput(snapshot);
                }
            }
        }

        /** Every folder's entries, read once, so that browsing needs no more reads. */
        private Map<String, List<SnapshotEntry>> allFolders(String snapshot) throws BackupException {
            Map<String, List<SnapshotEntry>> all = new HashMap<>();
            Deque<String> todo = new ArrayDeque<>(List.of(""));
            while (!todo.isEmpty()) {
                String folder = todo.poll();
                List<SnapshotEntry> entries = backups.list(set, snapshot, folder);
                all.put(folder, entries);
                entries.stream().filter(SnapshotEntry::folder).forEach(entry -> todo.add(entry.path()));
            }
            return all;
        }

        String chosenPath() {
            IStructuredSelection selection = viewer == null ? null : viewer.getStructuredSelection();
            return selection == null || selection.isEmpty() ? "" : ((SnapshotEntry) selection.getFirstElement()).path();
        }
    }

    private final class TargetPage extends WizardPage {
        private Text folder;

        TargetPage() {
            super("target", "Pick where to restore", null);
            setDescription("Each backed-up folder comes back under its own name, with its files' modes and times;"
                    + " a file already there is replaced once the new one is complete.");
        }

        @Override
        public void createControl(Composite parent) {
            Composite page = new Composite(parent, SWT.NONE);
            GridLayoutFactory.swtDefaults().numColumns(3).applyTo(page);
            new Label(page, SWT.NONE).setText("Restore into:");
            folder = WidgetIds.name(new Text(page, SWT.BORDER), "restore.target");
            folder.setText(Path.of(System.getProperty("user.home"), "Restored").toString());
            folder.addListener(SWT.Modify, event -> getContainer().updateButtons());
            GridDataFactory.fillDefaults().grab(true, false).applyTo(folder);
            Button browse = new Button(page, SWT.PUSH);
            browse.setText("Browse...");
            browse.addListener(SWT.Selection, event -> {
                DirectoryDialog chooser = new DirectoryDialog(getShell());
                String chosen = chooser.open();
                if (chosen != null) {
                    folder.setText(chosen);
                }
            });
            setControl(page);
        }

        Path folder() {
            return folder == null || folder.getText().isBlank() ? null : Path.of(folder.getText().strip());
        }
    }
}
