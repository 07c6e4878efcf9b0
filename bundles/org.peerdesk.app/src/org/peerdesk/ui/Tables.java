package org.peerdesk.ui;

import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.IElementComparer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;

/**
 * Read-only tables of rows, one column per field, and the buttons that act on them, named for tests with {@link WidgetIds}.
 * Columns share out whatever width the table has beyond their least, and a cell's whole text shows when the mouse rests on it.
 */
public final class Tables {

    private static final String LEAST_WIDTH = "peerdesk.leastWidth";

    private Tables() {
    }

    public static TableViewer create(Composite parent, String id) {
        TableViewer viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        WidgetIds.name(viewer.getTable(), id);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().addListener(SWT.Resize, event -> fitColumns(viewer.getTable()));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        ColumnViewerToolTipSupport.enableFor(viewer);
        return viewer;
    }

    /** Widens the columns in proportion to their least widths until they fill the table; narrower, they keep those. */
    private static void fitColumns(Table table) {
        TableColumn[] columns = table.getColumns();
        int least = 0;
        for (TableColumn column : columns) {
            least += leastWidth(column);
        }
        int available = table.getClientArea().width;
        int extra = Math.max(0, available - least);
        int given = 0;
        for (int i = 0; i < columns.length; i++) {
            int share = i == columns.length - 1 ? extra - given : (int) ((long) extra * leastWidth(columns[i]) / Math.max(1, least));
            given += share;
            columns[i].setWidth(leastWidth(columns[i]) + share);
        }
    }

    private static int leastWidth(TableColumn column) {
        return column.getData(LEAST_WIDTH) instanceof Integer width ? width : column.getWidth();
    }

    /** Adds a column at least {@code width} pixels wide, and never narrower than its title. */
    public static <R> void column(TableViewer viewer, Class<R> type, String title, int width, Function<R, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().pack(); // no rows yet: the width of the title
        column.getColumn().setWidth(Math.max(width, column.getColumn().getWidth()));
        column.getColumn().setData(LEAST_WIDTH, column.getColumn().getWidth());
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(type.cast(element));
            }

            @Override
            public String getToolTipText(Object element) {
                String shown = getText(element);
                return shown == null || shown.isBlank() ? null : shown;
            }
        });
    }

    /**
     * Rows are the same row when their {@code key}s are equal, whatever else about them changed: the
     * selection then stays on a row through refreshes that bring a new copy of it (a transfer's
     * progress, a conversation's last message), where Cancel or Open would otherwise find nothing selected.
     */
    public static <R> void keyedBy(TableViewer viewer, Class<R> type, Function<R, ?> key) {
        viewer.setComparer(new IElementComparer() {
            @Override
            public boolean equals(Object one, Object other) {
                return type.isInstance(one) && type.isInstance(other) ? key.apply(type.cast(one)).equals(key.apply(type.cast(other)))
                        : one.equals(other);
            }

            @Override
            public int hashCode(Object element) {
                return type.isInstance(element) ? key.apply(type.cast(element)).hashCode() : element.hashCode();
            }
        });
    }

    /** The selected row, if it is a {@code type}; null otherwise. */
    public static <T> T selected(TableViewer viewer, Class<T> type) {
        Object first = ((IStructuredSelection) viewer.getSelection()).getFirstElement();
        return type.isInstance(first) ? type.cast(first) : null;
    }

    public static Button button(Composite parent, String text, String id, Runnable action) {
        Button button = WidgetIds.name(new Button(parent, SWT.PUSH), id);
        button.setText(text);
        button.addListener(SWT.Selection, event -> action.run());
        return button;
    }
}
