package org.peerdesk.testing.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.ui.WidgetIds;

/**
 * Drives a real SWT user interface the way a person does, for tests under Xvfb.
 *
 * <p>The robot runs on the test's own thread while the application runs its event loop on the UI
 * thread, as it does for a user; so a modal dialog that runs its own loop does not stop the test.
 * It finds widgets by their {@link WidgetIds} name, clicks and types with real input events
 * ({@link Display#post}), reads widget state on the UI thread, and waits for conditions.
 */
public final class UiRobot {

    private static final int DRAG_STEPS = 12;
    private static final String PAUSE = "0.1";
    /** Before letting go: the drop target answers the drag's source asynchronously; a release before that drops nothing. */
    private static final String SETTLE = "0.6";

    private static final long POLL_MILLIS = 25;

    private final Display display;
    private final Duration timeout;

    public UiRobot(Display display, Duration timeout) {
        this.display = display;
        this.timeout = timeout;
    }

    /** Waits until a control named {@code id} of type {@code type} is shown in any shell. */
    public <C extends Control> C find(Class<C> type, String id) {
        return waitFor("a " + type.getSimpleName() + " named '" + id + "'", () -> findNow(type, id));
    }

    /** The control named {@code id}, if one exists now. */
    public <C extends Control> Optional<C> findNow(Class<C> type, String id) {
        return read(() -> {
            for (Shell shell : display.getShells()) {
                Optional<C> found = search(shell, type, id);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.<C>empty();
        });
    }

    /** Waits until a visible shell with this title is open. */
    public Shell shell(String title) {
        return waitFor("a shell titled '" + title + "'", () -> read(() -> {
            for (Shell shell : display.getShells()) {
                if (!shell.isDisposed() && shell.isVisible() && title.equals(shell.getText())) {
                    return Optional.of(shell);
                }
            }
            return Optional.<Shell>empty();
        }));
    }

    /** Every control below {@code root} of the given type, in tree order. */
    public <C extends Control> List<C> all(Composite root, Class<C> type) {
        return read(() -> {
            List<C> found = new ArrayList<>();
            collect(root, type, found);
            return found;
        });
    }

    /** The names of every named widget in every shell (with what labels and fields say), to show what was there when a wait failed. */
    public List<String> namedWidgets() {
        return read(() -> {
            List<String> names = new ArrayList<>();
            for (Shell shell : display.getShells()) {
                for (Control control : allControls(shell)) {
                    if (control.getData(WidgetIds.KEY) != null) {
                        names.add(control.getData(WidgetIds.KEY) + shownText(control) + (control.isVisible() ? "" : " (hidden)"));
                    }
                }
            }
            return names;
        });
    }

    /** What a label or text field says, so a failed wait shows what the user would have read. */
    private static String shownText(Control control) {
        String text = control instanceof Label label ? label.getText()
                : control instanceof Text field && (field.getStyle() & SWT.PASSWORD) == 0 ? field.getText() : null;
        return text == null || text.isEmpty() ? "" : "=\"" + (text.length() > 80 ? text.substring(0, 80) + "..." : text) + "\"";
    }

    private static List<Control> allControls(Control root) {
        List<Control> found = new ArrayList<>();
        collect(root, Control.class, found);
        return found;
    }

    /**
     * Reads widget state on the UI thread. What the query throws is thrown here: the workbench's event loop would
     * otherwise log it and let the test go on with nothing read.
     */
    public <T> T read(Supplier<T> query) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(query.get());
            } catch (RuntimeException | Error thrown) {
                failure.set(thrown);
            }
        });
        if (failure.get() instanceof RuntimeException thrown) {
            throw thrown;
        }
        if (failure.get() instanceof Error thrown) {
            throw thrown;
        }
        return result.get();
    }

    /** Runs {@code action} on the UI thread and waits for it; what it throws is thrown here, as {@link #read} does. */
    public void onUiThread(Runnable action) {
        read(() -> {
            action.run();
            return null;
        });
    }

    /** Moves the pointer to the middle of {@code control} and clicks the left button. */
    public void click(Control control) {
        waitUntil("the control to click is shown", () -> control.isVisible() && control.getShell().isVisible()
                && control.getSize().x > 0 && control.getSize().y > 0);
        Point centre = read(() -> {
            control.getShell().forceActive();
            return control.toDisplay(control.getSize().x / 2, control.getSize().y / 2);
        });
        post(mouse(SWT.MouseMove, 0, centre));
        waitUntil("the pointer to reach the control", () -> control.getDisplay().getCursorControl() == control);
        post(mouse(SWT.MouseDown, 1, centre), mouse(SWT.MouseUp, 1, centre));
    }

    /**
     * Drags with the left button from {@code from} to {@code to} (display coordinates), in small steps and pausing
     * as a hand would: the desktop's drag and drop starts only after some movement, and picks its drop target from
     * motion over it. The pointer is driven by xdotool, as a real one: the toolkit starts no drag from events that
     * {@link Display#post} synthesizes.
     */
    public void drag(Point from, Point to) {
        List<String> command = new ArrayList<>(List.of("xdotool", "mousemove", "--sync", String.valueOf(from.x), String.valueOf(from.y),
                "sleep", PAUSE, "mousedown", "1"));
        for (int step = 1; step <= DRAG_STEPS; step++) {
            command.addAll(List.of("sleep", PAUSE, "mousemove", String.valueOf(from.x + (to.x - from.x) * step / DRAG_STEPS),
                    String.valueOf(from.y + (to.y - from.y) * step / DRAG_STEPS)));
        }
        command.addAll(List.of("sleep", PAUSE, "mousemove", String.valueOf(to.x + 1), String.valueOf(to.y), "sleep", SETTLE, "mouseup", "1"));
        xdotool(command, "drag");
    }

    /** Clicks the right button at {@code at} (display coordinates), with a real pointer as {@link #drag} does: it opens context menus. */
    public void rightClick(Point at) {
        pointerClick(at, 3);
    }

    /**
     * Clicks the left button in the middle of {@code area} (in {@code control}'s coordinates, read on the UI thread)
     * with a real pointer: a text takes clicks synthesized by {@link Display#post} for no more than focus.
     */
    public void click(Control control, Supplier<Rectangle> area) {
        pointerClick(read(() -> middle(control, area.get())), 1);
    }

    /** Turns the mouse wheel one notch up over the middle of {@code control}, with a real pointer. */
    public void wheelUp(Control control) {
        pointerClick(read(() -> middle(control, new Rectangle(0, 0, control.getSize().x, control.getSize().y))), 4);
    }

    private static void pointerClick(Point at, int button) {
        // no --sync: xdotool would wait for a motion that never comes when the pointer is there already
        xdotool(List.of("xdotool", "mousemove", String.valueOf(at.x), String.valueOf(at.y), "sleep", PAUSE, "click", String.valueOf(button)),
                "click");
    }

    /** Right-clicks the middle of {@code area} (in {@code control}'s coordinates, read on the UI thread), as a hand would. */
    public void rightClick(Control control, Supplier<Rectangle> area) {
        rightClick(read(() -> middle(control, area.get())));
    }

    /** The middle of {@code area} of {@code control}, in display coordinates. */
    private static Point middle(Control control, Rectangle area) {
        return control.toDisplay(area.x + area.width / 2, area.y + area.height / 2);
    }

    /** The texts of a menu's items, in order (call on the UI thread). */
    public static List<String> texts(Menu menu) {
        return Arrays.stream(menu.getItems()).map(MenuItem::getText).toList();
    }

    /**
     * Chooses the item called {@code text} of an open menu, which then closes. The choice is queued, as a click
     * is, not run while the robot waits: an item that opens a dialog would hold the robot until it closed.
     */
    public void choose(Menu menu, String text) {
        MenuItem item = read(() -> Arrays.stream(menu.getItems()).filter(each -> each.getText().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError("The menu has no item '" + text + "': " + texts(menu))));
        display.asyncExec(() -> {
            menu.setVisible(false);
            item.notifyListeners(SWT.Selection, new Event());
        });
    }

    private static void xdotool(List<String> command, String what) {
        try {
            Process xdotool = new ProcessBuilder(command).redirectErrorStream(true).start();
            String said = new String(xdotool.getInputStream().readAllBytes());
            if (xdotool.waitFor() != 0) {
                throw new AssertionError("xdotool could not " + what + ": " + said);
            }
        } catch (java.io.IOException e) {
            throw new AssertionError("To " + what + " needs xdotool (Debian package xdotool): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted during a " + what, e);
        }
    }

    /**
     * Puts {@code text} into a search field and presses Enter in it. Keys posted to a search field under Xvfb do
     * not reach it, so the field gets the text and the Enter directly.
     */
    public void enter(Text field, String text) {
        onUiThread(() -> {
            field.setText(text);
            field.notifyListeners(SWT.DefaultSelection, new Event());
        });
    }

    /** Types {@code text} into whatever has the keyboard focus. */
    public void type(String text) {
        for (char c : text.toCharArray()) {
            key(0, c);
        }
    }

    /** Presses a key, optionally with a modifier held ({@code SWT.ALT}, {@code SWT.CTRL}, or 0). */
    public void key(int modifier, char character) {
        Event down = keyEvent(SWT.KeyDown, 0, character);
        Event up = keyEvent(SWT.KeyUp, 0, character);
        if (modifier == 0) {
            post(down, up);
        } else {
            post(keyEvent(SWT.KeyDown, modifier, '\0'), down, up, keyEvent(SWT.KeyUp, modifier, '\0'));
        }
    }

    /** Presses a key that types no character, such as {@code SWT.ARROW_UP}, with the focus where it is. */
    public void press(int keyCode) {
        post(keyEvent(SWT.KeyDown, keyCode, '\0'), keyEvent(SWT.KeyUp, keyCode, '\0'));
    }

    /** Polls {@code condition} on the UI thread until it holds; fails the test after the timeout. */
    public void waitUntil(String what, BooleanSupplier condition) {
        waitFor(what, () -> read(condition::getAsBoolean) ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    private <T> T waitFor(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> result = probe.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + timeout.toSeconds() + " s for " + what + "; it did not come. "
                        + "Shown now: " + namedWidgets());
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }

    /**
     * Posts on the UI thread (GTK wants it there), all in one turn: were the UI thread busy between
     * a key's press and its release, the X server would repeat the key. The events are then
     * handled by whatever loop runs.
     */
    private void post(Event... events) {
        Integer refused = read(() -> {
            for (Event event : events) {
                if (!display.post(event)) {
                    return event.type;
                }
            }
            return null;
        });
        if (refused != null) {
            throw new AssertionError("The display refused a synthetic event (type " + refused + "); is this Xvfb with XTEST?");
        }
        display.syncExec(() -> { }); // let the UI thread take the event before the next one
    }

    private static Event mouse(int type, int button, Point at) {
        Event event = new Event();
        event.type = type;
        event.button = button;
        event.x = at.x;
        event.y = at.y;
        return event;
    }

    private static Event keyEvent(int type, int keyCode, char character) {
        Event event = new Event();
        event.type = type;
        event.keyCode = keyCode;
        event.character = character;
        return event;
    }

    private static <C extends Control> Optional<C> search(Control control, Class<C> type, String id) {
        if (control.isDisposed()) {
            return Optional.empty();
        }
        if (type.isInstance(control) && id.equals(control.getData(WidgetIds.KEY))) {
            return Optional.of(type.cast(control));
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                Optional<C> found = search(child, type, id);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static <C extends Control> void collect(Control control, Class<C> type, List<C> into) {
        if (type.isInstance(control)) {
            into.add(type.cast(control));
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, type, into);
            }
        }
    }
}
