package org.peerdesk.ui;

import java.util.OptionalInt;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewer;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.IElementComparer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredViewer;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.jface.viewers.ViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Item;
import org.eclipse.swt.widgets.Scrollable;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.peerdesk.core.Sentences;

/**
 * Read-only tables of rows (and trees of them), one column per field, and the buttons that act on them, named for tests with
 * {@link WidgetIds}. Columns share out whatever width the table has beyond their least, and a cell's whole text shows when the
 * mouse rests on it. A table with rows sizes its columns by what they hold instead: an empty one keeps to its title, and a
 * long text takes the room that an empty column left.
 */
public final class Tables {

    private static final String LEAST_WIDTH = "peerdesk.leastWidth";
    private static final String TITLE_WIDTH = "peerdesk.titleWidth";
    /** The widest text a column has shown, kept so that columns do not jump as rows come and go or their texts change. */
    private static final String CONTENT_WIDTH = "peerdesk.contentWidth";
    /** Between a cell's icon and its text (GTK's own spacing, near enough). */
    private static final int ICON_GAP = 4;
    /** Rows measured for their texts' widths: more than a view shows at once. */
    private static final int MEASURED_ROWS = 100;
    /** The room a cell takes around its text. */
    private static final int CELL_MARGIN = 14;
    /** The longest line of a cell's tooltip, in characters: a longer one runs off the screen. */
    private static final int TIP_WIDTH = 100;
    /** The most a column asks for, however long its texts: a long note must not push every other column out of sight. */
    static final int WIDEST_WANTED = 420;

    private Tables() {
    }

    public static TableViewer create(Composite parent, String id) {
        TableViewer viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL) {
            @Override
            protected void internalRefresh(Object element, boolean updateLabels) {
                super.internalRefresh(element, updateLabels);
                measure(getTable());
                fitColumns(getTable(), getTable().getColumns());
            }
        };
        WidgetIds.name(viewer.getTable(), id);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().addListener(SWT.Resize, event -> fitColumns(viewer.getTable(), viewer.getTable().getColumns()));
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        ColumnViewerToolTipSupport.enableFor(viewer);
        return viewer;
    }

    /** A tree with columns, like {@link #create}'s tables; its caller gives it a content provider. */
    public static TreeViewer tree(Composite parent, String id, int style) {
        TreeViewer viewer = new TreeViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL | style);
        Tree tree = WidgetIds.name(viewer.getTree(), id);
        tree.setHeaderVisible(true);
        tree.addListener(SWT.Resize, event -> fitColumns(tree, tree.getColumns()));
        ColumnViewerToolTipSupport.enableFor(viewer);
        return viewer;
    }

    /**
     * Widens the columns in proportion to their least widths until they fill the table. In a table
     * narrower than that, they narrow in proportion toward their titles' widths instead, so that no
     * column lies out of sight past the table's edge (a cell's tooltip shows what it cuts off).
     */
    private static void fitColumns(Scrollable table, Item[] columns) {
        int[] least = new int[columns.length];
        int[] titles = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            titles[i] = Math.min(widthData(columns[i], LEAST_WIDTH), widthData(columns[i], TITLE_WIDTH));
            least[i] = wanted(widthData(columns[i], LEAST_WIDTH), titles[i], columns[i].getData(CONTENT_WIDTH) instanceof Integer content
                    ? OptionalInt.of(content) : OptionalInt.empty());
        }
        int[] widths = widths(least, titles, table.getClientArea().width);
        for (int i = 0; i < columns.length; i++) {
            setWidth(columns[i], widths[i]);
        }
    }

    /**
     * The width a column asks for: with rows measured, its widest text's (up to {@link #WIDEST_WANTED}) or its title's,
     * whichever is wider; before that, the least width it was made with.
     */
    static int wanted(int least, int title, OptionalInt content) {
        return content.isPresent() ? Math.max(title, Math.min(content.getAsInt(), WIDEST_WANTED)) : least;
    }

    /**
     * Notes the widest text of each of the table's columns in its first rows, unless a wider one was seen before; an
     * emptied table forgets what it held, and its columns go back to the widths they were made with.
     */
    private static void measure(Table table) {
        int rows = Math.min(table.getItemCount(), MEASURED_ROWS);
        if (rows == 0) {
            for (TableColumn column : table.getColumns()) {
                column.setData(CONTENT_WIDTH, null);
            }
            return;
        }
        GC gc = new GC(table);
        try {
            TableColumn[] columns = table.getColumns();
            for (int i = 0; i < columns.length; i++) {
                int widest = columns[i].getData(CONTENT_WIDTH) instanceof Integer seen ? seen : 0;
                for (int row = 0; row < rows; row++) {
                    Image icon = table.getItem(row).getImage(i);
                    widest = Math.max(widest, gc.textExtent(table.getItem(row).getText(i)).x + CELL_MARGIN
                            + (icon == null ? 0 : icon.getBounds().width + ICON_GAP));
                }
                columns[i].setData(CONTENT_WIDTH, widest);
            }
        } finally {
            gc.dispose();
        }
    }

    /** Column widths that add up to {@code available}, as near as each column's least and title widths allow. */
    static int[] widths(int[] least, int[] titles, int available) {
        int leastSum = IntStream.of(least).sum();
        int[] widths = least.clone();
        if (available >= leastSum) {
            int extra = available - leastSum;
            share(widths, least, extra, leastSum);
        } else {
            int[] spare = new int[least.length];
            for (int i = 0; i < least.length; i++) {
                spare[i] = least[i] - titles[i];
            }
            int spareSum = IntStream.of(spare).sum();
            share(widths, spare, -Math.min(leastSum - available, spareSum), spareSum);
        }
        return widths;
    }

    /** Adds {@code amount} (or takes it, if negative) to {@code widths} in proportion to {@code weights}, rounding so that the shares add up. */
    private static void share(int[] widths, int[] weights, int amount, int weightSum) {
        long weightSoFar = 0;
        int givenSoFar = 0;
        for (int i = 0; i < widths.length; i++) {
            weightSoFar += weights[i];
            int given = weightSum == 0 ? (i == widths.length - 1 ? amount : 0) : (int) Math.round((double) amount * weightSoFar / weightSum);
            widths[i] += given - givenSoFar;
            givenSoFar = given;
        }
    }

    private static int widthData(Item column, String key) {
        return column.getData(key) instanceof Integer width ? width : width(column);
    }

    private static int width(Item column) {
        return column instanceof TableColumn tableColumn ? tableColumn.getWidth() : ((TreeColumn) column).getWidth();
    }

    private static void setWidth(Item column, int width) {
        if (column instanceof TableColumn tableColumn) {
            tableColumn.setWidth(width);
        } else {
            ((TreeColumn) column).setWidth(width);
        }
    }

    /** Adds a column (to a table or a tree) at least {@code width} pixels wide, and never narrower than its title. */
    public static <R> void column(ColumnViewer viewer, Class<R> type, String title, int width, Function<R, String> text) {
        column(viewer, type, title, width, text, text);
    }

    /** As {@link #column(ColumnViewer, Class, String, int, Function)}, with a tooltip of its own: all of what the cell shows part of. */
    public static <R> void column(ColumnViewer viewer, Class<R> type, String title, int width, Function<R, String> text,
            Function<R, String> tip) {
        column(viewer, type, title, width, text, tip, row -> null);
    }

    /** As {@link #column(ColumnViewer, Class, String, int, Function)}, with an icon before each row's text (none where it is null). */
    public static <R> void iconColumn(ColumnViewer viewer, Class<R> type, String title, int width, Function<R, String> text,
            Function<R, Icons> icon) {
        column(viewer, type, title, width, text, text, icon);
    }

    /** As {@link #iconColumn(ColumnViewer, Class, String, int, Function, Function)}, with a tooltip of its own. */
    public static <R> void iconColumn(ColumnViewer viewer, Class<R> type, String title, int width, Function<R, String> text,
            Function<R, Icons> icon, Function<R, String> tip) {
        column(viewer, type, title, width, text, tip, icon);
    }

    private static <R> void column(ColumnViewer viewer, Class<R> type, String title, int width, Function<R, String> text,
            Function<R, String> tip, Function<R, Icons> icon) {
        ViewerColumn column;
        Item header;
        if (viewer instanceof TreeViewer tree) {
            TreeViewerColumn treeColumn = new TreeViewerColumn(tree, SWT.NONE);
            treeColumn.getColumn().setText(title);
            treeColumn.getColumn().pack(); // no rows yet: the width of the title
            column = treeColumn;
            header = treeColumn.getColumn();
        } else {
            TableViewerColumn tableColumn = new TableViewerColumn((TableViewer) viewer, SWT.NONE);
            tableColumn.getColumn().setText(title);
            tableColumn.getColumn().pack();
            column = tableColumn;
            header = tableColumn.getColumn();
        }
        header.setData(TITLE_WIDTH, width(header));
        setWidth(header, Math.max(width, width(header)));
        header.setData(LEAST_WIDTH, width(header));
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply(type.cast(element));
            }

            @Override
            public Image getImage(Object element) {
                Icons shown = icon.apply(type.cast(element));
                return shown == null ? null : shown.image(viewer.getControl().getDisplay());
            }

            @Override
            public String getToolTipText(Object element) {
                String shown = tip.apply(type.cast(element));
                return shown == null || shown.isBlank() ? null : Sentences.wrapped(shown, TIP_WIDTH);
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
    public static <T> T selected(StructuredViewer viewer, Class<T> type) {
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
