package org.peerdesk.ui;

import java.util.function.Consumer;
import java.util.function.Predicate;

import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DropTarget;
import org.eclipse.swt.dnd.DropTargetAdapter;
import org.eclipse.swt.dnd.DropTargetEvent;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Control;

/** Controls that take what is dragged onto them as a copy: files from the desktop, rows from another view. */
public final class Drops {

    private Drops() {
    }

    /**
     * Lets {@code control} take drags of {@code transfer}'s kind where {@code takes} says the spot under the pointer
     * can (the pointer shows whether it can, as it moves); {@code dropped} gets each drop there.
     */
    public static void accept(Control control, Transfer transfer, Predicate<DropTargetEvent> takes, Consumer<DropTargetEvent> dropped) {
        DropTarget target = new DropTarget(control, DND.DROP_COPY | DND.DROP_DEFAULT);
        target.setTransfer(transfer);
        target.addDropListener(new DropTargetAdapter() {
            @Override
            public void dragEnter(DropTargetEvent event) {
                dragOver(event);
            }

            @Override
            public void dragOver(DropTargetEvent event) {
                event.detail = takes.test(event) ? DND.DROP_COPY : DND.DROP_NONE;
            }

            @Override
            public void drop(DropTargetEvent event) {
                if (takes.test(event)) {
                    dropped.accept(event);
                }
            }
        });
    }
}
