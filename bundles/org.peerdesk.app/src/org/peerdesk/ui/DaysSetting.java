package org.peerdesk.ui;

import java.time.Duration;
import java.util.Optional;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Spinner;
import org.peerdesk.core.PeerdeskException;

/**
 * A {@link SettingsSection} that sets one period in whole days, read from a service and written back
 * to it when changed. A subclass's {@code @PostConstruct} method calls {@link #show} once it has its service.
 */
public abstract class DaysSetting implements SettingsSection {

    private Spinner days;
    private long current;

    /** The period as the service has it. */
    protected abstract Duration read() throws PeerdeskException;

    /** Gives the service the period the user chose. */
    protected abstract void write(Duration period) throws PeerdeskException;

    /** "{@code before} [days] {@code after}", then {@code note}, in {@code section}; or why the period cannot be read. */
    protected final void show(Composite section, String before, String after, String note, String id) {
        try {
            current = read().toDays();
        } catch (PeerdeskException e) {
            SettingsRows.note(section, "The setting cannot be read: " + e.getMessage());
            return;
        }
        days = SettingsRows.days(section, before, current, after, id);
        SettingsRows.note(section, note);
    }

    @Override
    public final Optional<String> apply() {
        return days == null ? Optional.empty()
                : SettingsSection.saveIfChanged(current, (long) days.getSelection(), chosen -> write(Duration.ofDays(chosen)));
    }
}
