package org.peerdesk.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.ToolTip;
import org.eclipse.swt.widgets.Tray;
import org.eclipse.swt.widgets.TrayItem;

/**
 * Tells the user of something that happened while Peerdesk's window does not have the focus: the window's title
 * says so (in the task bar) until the window is focused again, and a balloon from the system tray shows it where
 * the desktop has a tray (many have none, and a tray icon there is never seen). Call on the UI thread.
 */
public final class DesktopNotices {

    private static final String WINDOW_TITLE = "Peerdesk";

    private TrayItem trayItem;

    /** Shows {@code title} and {@code text}, unless the user is looking at the window already. */
    public void tell(String title, String text) {
        Display display = Display.getCurrent();
        if (display == null || display.getActiveShell() != null) {
            return;
        }
        Tray tray = display.getSystemTray();
        if (tray != null) {
            if (trayItem == null || trayItem.isDisposed()) {
                trayItem = new TrayItem(tray, SWT.NONE);
                trayItem.setToolTipText(WINDOW_TITLE);
            }
            ToolTip balloon = new ToolTip(display.getShells()[0], SWT.BALLOON | SWT.ICON_INFORMATION);
            balloon.setText(title);
            balloon.setMessage(text);
            trayItem.setToolTip(balloon);
            balloon.setVisible(true);
        }
        for (Shell shell : display.getShells()) {
            if (shell.getParent() == null && !shell.isDisposed()) {
                if (shell.getText().equals(WINDOW_TITLE)) {
                    shell.addListener(SWT.Activate, new Listener() {
                        @Override
                        public void handleEvent(org.eclipse.swt.widgets.Event activated) {
                            shell.setText(WINDOW_TITLE);
                            shell.removeListener(SWT.Activate, this);
                        }
                    });
                }
                shell.setText(WINDOW_TITLE + " - " + title);
            }
        }
    }

    public void dispose() {
        if (trayItem != null && !trayItem.isDisposed()) {
            trayItem.dispose();
        }
    }
}
