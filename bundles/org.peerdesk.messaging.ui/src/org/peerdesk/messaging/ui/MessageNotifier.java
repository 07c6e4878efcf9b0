package org.peerdesk.messaging.ui;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.ToolTip;
import org.eclipse.swt.widgets.Tray;
import org.eclipse.swt.widgets.TrayItem;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;
import org.peerdesk.core.Topics;
import org.peerdesk.messaging.Message;
import org.peerdesk.messaging.event.MessageAdded;
import org.peerdesk.messaging.event.MessageTopics;
import org.peerdesk.transport.PeerDirectory;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Tells the user about a message that arrives while Peerdesk's window does not have the focus: a
 * balloon from the system tray where the desktop has one, else the window's title says so until the
 * window is focused again.
 */
public final class MessageNotifier {

    private static final String WINDOW_TITLE = "Peerdesk";

    @Inject
    IEventBroker events;

    @Inject
    UISynchronize ui;

    @Inject
    @Optional
    @Service
    PeerDirectory directory;

    private final EventHandler handler = this::arrived;
    private TrayItem trayItem;

    @PostConstruct
    void start() {
        events.subscribe(MessageTopics.MESSAGE_ADDED, handler);
    }

    @PreDestroy
    void stop() {
        events.unsubscribe(handler);
        if (trayItem != null && !trayItem.isDisposed()) {
            trayItem.dispose();
        }
    }

    private void arrived(Event event) {
        if (!(event.getProperty(Topics.DATA) instanceof MessageAdded added) || directory == null) {
            return;
        }
        Message message = added.message();
        if (message.outgoing() || message.kind() != Message.Kind.TEXT) {
            return;
        }
        String from = directory.nameOf(message.author());
        String text = message.body().length() > 120 ? message.body().substring(0, 119) + "…" : message.body();
        ui.asyncExec(() -> notifyUnlessFocused(from, text));
    }

    private void notifyUnlessFocused(String from, String text) {
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
            balloon.setText("Message from " + from);
            balloon.setMessage(text);
            trayItem.setToolTip(balloon);
            balloon.setVisible(true);
            return;
        }
        for (Shell shell : display.getShells()) {
            if (shell.getParent() == null && !shell.isDisposed()) {
                if (shell.getText().equals(WINDOW_TITLE)) {
                    shell.addListener(SWT.Activate, new org.eclipse.swt.widgets.Listener() {
                        @Override
                        public void handleEvent(org.eclipse.swt.widgets.Event activated) {
                            shell.setText(WINDOW_TITLE);
                            shell.removeListener(SWT.Activate, this);
                        }
                    });
                }
                shell.setText(WINDOW_TITLE + " - new message from " + from);
            }
        }
    }
}
