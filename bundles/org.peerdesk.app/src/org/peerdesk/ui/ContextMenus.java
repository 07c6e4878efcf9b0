package org.peerdesk.ui;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;

/** Right-click menus on a view's rows: what its buttons offer, and what other bundles add, where the pointer is. */
public final class ContextMenus {

    /** One item of a menu. */
    public record Action(String text, boolean enabled, Runnable run) {

        /** What {@code button} does, enabled as it is now. */
        public static Action of(Button button) {
            return new Action(button.getText(), button.getEnabled(), () -> button.notifyListeners(SWT.Selection, new Event()));
        }
    }

    private ContextMenus() {
    }

    /** A menu on {@code target} with an item for each push button shown in the row {@code buttons}, in its order. */
    public static void mirror(Control target, Composite buttons) {
        of(target, () -> shown(Arrays.stream(buttons.getChildren()).filter(Button.class::isInstance).map(Button.class::cast)
                .filter(button -> (button.getStyle() & SWT.PUSH) != 0)));
    }

    /** A menu on {@code target} with an item for each of {@code buttons} that is shown. */
    public static void mirror(Control target, Button... buttons) {
        of(target, () -> shown(Arrays.stream(buttons)));
    }

    /** The actions of the buttons shown, in order. */
    public static List<Action> shown(Stream<Button> buttons) {
        return buttons.filter(Button::getVisible).map(Action::of).toList();
    }

    /** A menu on {@code target} whose items are {@code actions} as they are each time it opens. */
    public static void of(Control target, Supplier<List<Action>> actions) {
        Menu menu = new Menu(target);
        menu.addListener(SWT.Show, event -> {
            for (MenuItem item : menu.getItems()) {
                item.dispose();
            }
            for (Action action : actions.get()) {
                MenuItem item = new MenuItem(menu, SWT.PUSH);
                item.setText(action.text());
                item.setEnabled(action.enabled());
                item.addListener(SWT.Selection, chosen -> action.run().run());
            }
        });
        target.setMenu(menu);
    }
}
