package org.peerdesk.ui;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;

/** Right-click menus that offer what a view's buttons offer, so a row's actions are where the pointer is. */
public final class ContextMenus {

    private ContextMenus() {
    }

    /** A menu on {@code target} with an item for each push button shown in the row {@code buttons}, in its order (see the other). */
    public static void mirror(Control target, Composite buttons) {
        mirror(target, () -> Arrays.stream(buttons.getChildren()).filter(Button.class::isInstance).map(Button.class::cast)
                .filter(button -> (button.getStyle() & SWT.PUSH) != 0).toList());
    }

    /**
     * A menu on {@code target} with an item for each of {@code buttons} that is shown, each enabled as its
     * button is when the menu opens, and doing what its button does.
     */
    public static void mirror(Control target, Button... buttons) {
        mirror(target, () -> List.of(buttons));
    }

    private static void mirror(Control target, Supplier<List<Button>> buttons) {
        Menu menu = new Menu(target);
        menu.addListener(SWT.Show, event -> {
            for (MenuItem item : menu.getItems()) {
                item.dispose();
            }
            for (Button button : buttons.get()) {
                if (button.getVisible()) {
                    MenuItem item = new MenuItem(menu, SWT.PUSH);
                    item.setText(button.getText());
                    item.setEnabled(button.getEnabled());
                    item.addListener(SWT.Selection, chosen -> button.notifyListeners(SWT.Selection, new Event()));
                }
            }
        });
        target.setMenu(menu);
    }
}
