package org.peerdesk.permissions.ui;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.peerdesk.ui.WidgetIds;

/** How long a grant lasts, as the dialogs that give one offer it: no limit, or an hour up to 30 days. */
final class TimeLimits {

    private static final Map<String, Optional<Duration>> LIMITS = new LinkedHashMap<>();

    static {
        LIMITS.put("No time limit", Optional.empty());
        LIMITS.put("For 1 hour", Optional.of(Duration.ofHours(1)));
        LIMITS.put("For 1 day", Optional.of(Duration.ofDays(1)));
        LIMITS.put("For 7 days", Optional.of(Duration.ofDays(7)));
        LIMITS.put("For 30 days", Optional.of(Duration.ofDays(30)));
    }

    private TimeLimits() {
    }

    /** A choice of limits, no limit chosen. */
    static Combo combo(Composite parent, String id) {
        Combo limit = WidgetIds.name(new Combo(parent, SWT.READ_ONLY), id);
        limit.setItems(LIMITS.keySet().toArray(String[]::new));
        limit.select(0);
        return limit;
    }

    static Optional<Duration> chosen(Combo limit) {
        return LIMITS.getOrDefault(limit.getText(), Optional.empty());
    }
}
