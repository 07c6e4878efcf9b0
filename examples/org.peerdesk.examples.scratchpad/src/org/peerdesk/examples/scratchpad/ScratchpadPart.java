package org.peerdesk.examples.scratchpad;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.Threads;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/** A text area whose content is saved to the node's database a moment after each change. */
public final class ScratchpadPart {

    private static final int SAVE_DELAY_MILLIS = 600;

    private final Executor database = Executors.newSingleThreadExecutor(Threads.daemon("scratchpad-save"));

    @Inject
    UISynchronize ui;

    @Inject
    @Optional
    @Service
    ScratchpadStore store;

    private Text text;
    private Label state;
    private final Runnable saveSoon = this::save;

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(6, 6).applyTo(parent);
        text = WidgetIds.name(new Text(parent, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL), "scratchpad.text");
        text.setTextLimit(ScratchpadStore.MAX_LENGTH);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(text);
        state = WidgetIds.name(new Label(parent, SWT.NONE), "scratchpad.state");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(state);
        if (store == null) {
            text.setEnabled(false);
            state.setText("The node is not running, so nothing can be saved.");
            return;
        }
        text.setEnabled(false);
        state.setText("Loading...");
        CompletableFuture.supplyAsync(this::loadOrThrow, database).whenComplete((saved, error) -> ui.asyncExec(() -> {
            if (text.isDisposed()) {
                return;
            }
            if (error != null) {
                state.setText("Could not load the scratchpad: " + error.getCause().getMessage());
                return;
            }
            text.setText(saved);
            text.setEnabled(true);
            state.setText("Saved in this node's database.");
            text.addModifyListener(event -> {
                state.setText("Editing...");
                text.getDisplay().timerExec(SAVE_DELAY_MILLIS, saveSoon);
            });
        }));
    }

    private String loadOrThrow() {
        try {
            return store.load();
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void save() {
        if (text.isDisposed()) {
            return;
        }
        String content = text.getText();
        CompletableFuture.runAsync(() -> {
            try {
                store.save(content);
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        }, database).whenComplete((done, error) -> ui.asyncExec(() -> {
            if (!state.isDisposed()) {
                state.setText(error == null ? "Saved in this node's database."
                        : "Not saved: " + error.getCause().getMessage());
            }
        }));
    }

    /** Saves what is typed before the part goes away. */
    @PreDestroy
    void flush() {
        if (store != null && text != null && !text.isDisposed() && text.isEnabled()) {
            text.getDisplay().timerExec(-1, saveSoon);
            String content = text.getText();
            try {
                store.save(content);
            } catch (Exception e) {
                System.getLogger(ScratchpadPart.class.getName()).log(System.Logger.Level.WARNING,
                        "Scratchpad not saved on close: {0}", e.getMessage());
            }
        }
    }
}
