package org.peerdesk.files.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.eclipse.jface.util.LocalSelectionTransfer;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredViewer;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSource;
import org.eclipse.swt.dnd.DragSourceAdapter;
import org.eclipse.swt.dnd.DragSourceEvent;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.widgets.Control;
import org.peerdesk.files.FilesException;
import org.peerdesk.files.Transfers;
import org.peerdesk.ui.Drops;

/**
 * Downloads of what the Remote browser shows: started from its buttons, or by dragging its rows onto a view that
 * says where they go (the Transfers view: the downloads folder; a share in the Shares view: that share's folder).
 * Each download is followed as a Job.
 */
final class RemoteDownloads {

    private RemoteDownloads() {
    }

    /** Starts a download of each of {@code entries} into {@code destination} (empty: the node's downloads folder). */
    static List<TransferJob> start(Transfers transfers, List<RemoteItem.Entry> entries, Optional<Path> destination) throws FilesException {
        List<TransferJob> jobs = new ArrayList<>();
        for (RemoteItem.Entry entry : entries) {
            TransferJob job = new TransferJob(transfers, transfers.download(entry.peer(), entry.path(), destination));
            job.schedule();
            jobs.add(job);
        }
        return jobs;
    }

    /** The files, folders and shares in a selection of the Remote browser (peers and notes are not downloaded). */
    static List<RemoteItem.Entry> entries(ISelection selection) {
        List<RemoteItem.Entry> entries = new ArrayList<>();
        if (selection instanceof IStructuredSelection structured) {
            for (Object element : structured.toList()) {
                if (element instanceof RemoteItem.Entry entry) {
                    entries.add(entry);
                } else if (element instanceof RemoteItem.Found found) {
                    entries.add(found.entry());
                }
            }
        }
        return entries;
    }

    /** Lets the user drag the viewer's selected files, folders and shares out of it. */
    static void offer(StructuredViewer viewer) {
        DragSource source = new DragSource(viewer.getControl(), DND.DROP_COPY);
        source.setTransfer(LocalSelectionTransfer.getTransfer());
        source.addDragListener(new DragSourceAdapter() {
            @Override
            public void dragStart(DragSourceEvent event) {
                event.doit = !entries(viewer.getSelection()).isEmpty();
                LocalSelectionTransfer.getTransfer().setSelection(event.doit ? viewer.getSelection() : null);
            }

            @Override
            public void dragFinished(DragSourceEvent event) {
                LocalSelectionTransfer.getTransfer().setSelection(null);
            }
        });
    }

    /**
     * Lets {@code control} take rows dragged from the Remote browser where {@code takes} says the spot under the
     * pointer can take them; {@code dropped} gets the drop and its files, folders and shares.
     */
    static void accept(Control control, Predicate<DropTargetEvent> takes, BiConsumer<DropTargetEvent, List<RemoteItem.Entry>> dropped) {
        Drops.accept(control, LocalSelectionTransfer.getTransfer(), event -> !dragged().isEmpty() && takes.test(event),
                event -> dropped.accept(event, dragged()));
    }

    private static List<RemoteItem.Entry> dragged() {
        return entries(LocalSelectionTransfer.getTransfer().getSelection());
    }
}
