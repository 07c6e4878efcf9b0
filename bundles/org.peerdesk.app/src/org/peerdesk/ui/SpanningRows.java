package org.peerdesk.ui;

import java.util.function.Predicate;

import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.TreeItem;

/**
 * Rows of a tree that are one sentence (a note in place of the rows below a folder: why they cannot be read, what to do)
 * rather than a thing with a size and a time. The first column's text of such a row goes on across the columns after it,
 * where the tree would cut it at the first column's edge. The toolkit lets each cell draw only inside itself, short of
 * the gap between cells, so the sentence flows from cell to cell a word at a time, as a line of text wraps: a word
 * that would cross a gap starts the next cell.
 */
public final class SpanningRows {

    private SpanningRows() {
    }

    /** Rows whose element {@code spans} holds for show their first column's text across the whole row. */
    public static void of(TreeViewer viewer, Predicate<Object> spans) {
        viewer.getTree().addListener(SWT.EraseItem, event -> {
            if (spans.test(event.item.getData())) {
                event.detail &= ~SWT.FOREGROUND;
            }
        });
        viewer.getTree().addListener(SWT.PaintItem, event -> {
            if (spans.test(event.item.getData())) {
                paint(event);
            }
        });
    }

    private static void paint(Event event) {
        TreeItem row = (TreeItem) event.item;
        GC gc = event.gc;
        Rectangle cell = row.getBounds(event.index);
        Rectangle drawable = gc.getClipping().intersection(cell);
        int insetLeft = drawable.x - cell.x;
        int insetRight = cell.x + cell.width - (drawable.x + drawable.width);
        if ((event.detail & SWT.SELECTED) != 0) {
            gc.setForeground(row.getDisplay().getSystemColor(SWT.COLOR_LIST_SELECTION_TEXT));
        }
        Rectangle start = row.getTextBounds(0);
        String text = row.getText(0);
        int y = start.y + (start.height - gc.textExtent(text).y) / 2;
        int space = gc.textExtent(" ").x;
        int column = 0;
        int x = start.x;
        for (String word : text.split(" ")) {
            int width = gc.textExtent(word).x;
            while (column + 1 < row.getParent().getColumnCount() && x + width > end(row, column, insetRight)) {
                column++;
                x = Math.max(x, row.getBounds(column).x + insetLeft);
            }
            if (column == event.index) {
                gc.drawText(word, x, y, true);
            }
            x += width + space;
        }
    }

    private static int end(TreeItem row, int column, int insetRight) {
        Rectangle cell = row.getBounds(column);
        return cell.x + cell.width - insetRight;
    }
}
