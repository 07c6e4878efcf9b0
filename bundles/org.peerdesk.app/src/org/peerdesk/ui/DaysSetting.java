package org.peerdesk.ui;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Spinner;
import org.peerdesk.core.PeerdeskException;

/**
 * A {@link SettingsSection} that sets periods in whole days, each read from a service and written back to it when
 * changed. A subclass's {@code @PostConstruct} method calls {@link #show} for each once it has its service.
 */
public abstract class DaysSetting implements SettingsSection {

    /** Reads a period as the service has it. */
    @FunctionalInterface
    protected interface Reader {
        Duration read() throws PeerdeskException;
    }

    /** Gives the service the period the user chose. */
    @FunctionalInterface
    protected interface Writer {
        void write(Duration period) throws PeerdeskException;
    }

    private record Period(Spinner days, long current, Writer writer) {
    }

    private final List<Period> periods = new ArrayList<>();

    /** "{@code before} [days] {@code after}", then {@code note}, in {@code section}; or why the period cannot be read. */
    protected final void show(Composite section, String before, String after, String note, String id, Reader reader, Writer writer) {
        long current;
        try {
            current = reader.read().toDays();
        } catch (PeerdeskException e) {
            SettingsRows.note(section, "The setting cannot be read: " + e.getMessage());
            return;
        }
        periods.add(new Period(SettingsRows.days(section, before, current, after, id), current, writer));
        SettingsRows.note(section, note);
    }

    @Override
    public final Optional<String> apply() {
        for (Period period : periods) {
            Optional<String> problem = SettingsSection.saveIfChanged(period.current(), (long) period.days().getSelection(),
                    chosen -> period.writer().write(Duration.ofDays(chosen)));
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }
}
