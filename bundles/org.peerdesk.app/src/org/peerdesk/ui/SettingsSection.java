package org.peerdesk.ui;

import java.util.Objects;
import java.util.Optional;

import org.peerdesk.core.PeerdeskException;

/**
 * A section of the Settings dialog (File, Settings...), as a bundle (a plugin too) contributes it: a
 * part descriptor in its model fragment, tagged {@value #TAG}, whose label titles the section's tab. Its
 * class is made as a part is (services injected), with the section's {@code Composite} to build its
 * controls in from a {@code @PostConstruct} method, showing the current values; it applies what the
 * user changed when the dialog's OK is pressed.
 */
public interface SettingsSection {

    /** The tag that makes a part descriptor a section of the Settings dialog. */
    String TAG = "peerdesk:settings";

    /**
     * Applies the user's changes, on the UI thread. Empty when done; otherwise what to tell the user,
     * and this section changed nothing.
     */
    Optional<String> apply();

    /** Gives a service the value the user chose. */
    @FunctionalInterface
    interface Saver<T> {
        void save(T value) throws PeerdeskException;
    }

    /** What {@link #apply()} does with one value: saves {@code chosen} unless it is {@code current}, and says what went wrong. */
    static <T> Optional<String> saveIfChanged(T current, T chosen, Saver<T> saver) {
        if (Objects.equals(current, chosen)) {
            return Optional.empty();
        }
        try {
            saver.save(chosen);
            return Optional.empty();
        } catch (PeerdeskException e) {
            return Optional.of(e.getMessage());
        }
    }
}
