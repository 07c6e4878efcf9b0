package org.peerdesk.ui;

import java.util.Optional;

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
}
