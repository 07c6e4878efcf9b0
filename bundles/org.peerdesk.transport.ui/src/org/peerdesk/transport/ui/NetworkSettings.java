package org.peerdesk.transport.ui;

import java.time.LocalTime;
import java.util.Optional;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.events.SelectionListener;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DateTime;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.peerdesk.transport.LimitHours;
import org.peerdesk.transport.RateLimitSettings;
import org.peerdesk.transport.RateLimits;
import org.peerdesk.transport.Relaying;
import org.peerdesk.transport.TransportException;
import org.peerdesk.ui.SettingsRows;
import org.peerdesk.ui.SettingsSection;
import org.peerdesk.ui.WidgetIds;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** Settings, Network: how fast transfers may send and receive, to and from all peers together, and whether this node relays. */
public final class NetworkSettings implements SettingsSection {

    private static final int KIB = 1024;
    private static final int LOWEST_KIB = (int) (RateLimits.MINIMUM / KIB);
    private static final int HIGHEST_KIB = 10 * 1024 * 1024; // 10 GiB/s: more than any link
    private static final int DEFAULT_KIB = 1024;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    RateLimitSettings settings;

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    @Service
    Relaying relaying;

    private RateLimits current = RateLimits.NONE;
    private Limit upload;
    private Limit download;
    private Button onlyDuring;
    private DateTime from;
    private DateTime until;
    private boolean relayed = true;
    private Button relays;

    /** One direction's row in a grid of three columns: "[x] Limit uploads to [1024] KiB/s". */
    private record Limit(Button on, Spinner kibibytes) {

        static Limit row(Composite grid, String what, long bytesPerSecond, String id) {
            Button on = WidgetIds.name(new Button(grid, SWT.CHECK), id);
            on.setText("Limit " + what + " to");
            Spinner kibibytes = WidgetIds.name(new Spinner(grid, SWT.BORDER), id + ".rate");
            int shown = bytesPerSecond == 0 ? DEFAULT_KIB : (int) Math.min(HIGHEST_KIB, bytesPerSecond / KIB);
            kibibytes.setValues(shown, LOWEST_KIB, HIGHEST_KIB, 0, 64, 1024);
            new Label(grid, SWT.NONE).setText("KiB/s");
            on.setSelection(bytesPerSecond != 0);
            kibibytes.setEnabled(on.getSelection());
            on.addSelectionListener(SelectionListener.widgetSelectedAdapter(e -> kibibytes.setEnabled(on.getSelection())));
            return new Limit(on, kibibytes);
        }

        long bytesPerSecond() {
            return on.getSelection() ? (long) kibibytes.getSelection() * KIB : 0;
        }
    }

    @PostConstruct
    void create(Composite section) {
        if (settings == null) {
            SettingsRows.notRunning(section);
            return;
        }
        try {
            current = settings.limits();
        } catch (TransportException e) {
            SettingsRows.note(section, "The rate limits cannot be read: " + e.getMessage());
            return;
        }
        SettingsRows.note(section, "Keep Peerdesk from taking all of a shared or metered connection. File transfers, sync and"
                + " backups share these rates, to and from all peers together; messages and requests are never held back."
                + " A change applies at once, to transfers under way too.");
        Composite grid = new Composite(section, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).applyTo(grid);
        upload = Limit.row(grid, "uploads", current.uploadBytesPerSecond(), "settings.limit.upload");
        download = Limit.row(grid, "downloads", current.downloadBytesPerSecond(), "settings.limit.download");
        SettingsRows.note(section, "1024 KiB/s is 1 MiB/s, about 8 Mbit/s.");
        hoursRow(section, current.hours());
        SettingsRows.note(section, "Outside those hours, transfers go at full speed (this computer's time).");
        relayRow(section);
    }

    /** "[x] Relay connections between my trusted peers...", when the setting is there. */
    private void relayRow(Composite section) {
        if (relaying == null) {
            return;
        }
        try {
            relayed = relaying.relaysForPeers();
        } catch (TransportException e) {
            SettingsRows.note(section, "Whether this computer relays cannot be read: " + e.getMessage());
            return;
        }
        relays = SettingsRows.check(section, "Relay connections between my trusted peers that cannot reach each other", relayed,
                "settings.relaying");
        SettingsRows.note(section, "Their connections stay encrypted end to end; what this computer carries for them counts"
                + " against the limits above. Turned off, it refuses new ones; those it carries go on until they end.");
    }

    /** "[x] Only from [08:00] to [18:00] each day", ticked when the limits have hours (else showing working hours). */
    private void hoursRow(Composite section, Optional<LimitHours> hours) {
        LimitHours shown = hours.orElse(new LimitHours(LocalTime.of(8, 0), LocalTime.of(18, 0)));
        Composite row = new Composite(section, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(5).applyTo(row);
        onlyDuring = WidgetIds.name(new Button(row, SWT.CHECK), "settings.limit.hours");
        onlyDuring.setText("Only from");
        from = WidgetIds.name(new DateTime(row, SWT.TIME | SWT.SHORT | SWT.BORDER), "settings.limit.from");
        from.setTime(shown.from().getHour(), shown.from().getMinute(), 0);
        new Label(row, SWT.NONE).setText("to");
        until = WidgetIds.name(new DateTime(row, SWT.TIME | SWT.SHORT | SWT.BORDER), "settings.limit.until");
        until.setTime(shown.until().getHour(), shown.until().getMinute(), 0);
        new Label(row, SWT.NONE).setText("each day");
        onlyDuring.setSelection(hours.isPresent());
        Runnable enable = () -> {
            from.setEnabled(onlyDuring.getSelection());
            until.setEnabled(onlyDuring.getSelection());
        };
        enable.run();
        onlyDuring.addSelectionListener(SelectionListener.widgetSelectedAdapter(e -> enable.run()));
    }

    @Override
    public Optional<String> apply() {
        if (upload == null) {
            return Optional.empty();
        }
        Optional<LimitHours> hours;
        try {
            hours = onlyDuring.getSelection() ? Optional.of(new LimitHours(LocalTime.of(from.getHours(), from.getMinutes()),
                    LocalTime.of(until.getHours(), until.getMinutes()))) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage() + ".");
        }
        Optional<String> problem = SettingsSection.saveIfChanged(current, new RateLimits(upload.bytesPerSecond(), download.bytesPerSecond(), hours),
                settings::setLimits);
        if (problem.isPresent() || relays == null) {
            return problem;
        }
        return SettingsSection.saveIfChanged(relayed, relays.getSelection(), relaying::setRelaysForPeers);
    }
}
