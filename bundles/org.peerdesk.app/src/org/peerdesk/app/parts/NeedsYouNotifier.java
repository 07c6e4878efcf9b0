package org.peerdesk.app.parts;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.peerdesk.core.Attention;
import org.peerdesk.core.Counts;
import org.peerdesk.core.NeedsYou;
import org.peerdesk.ui.EventNotifier;

/**
 * Tells the user that something new needs them (a backup that failed, a sync that stopped) while Peerdesk's
 * window does not have the focus: what fails in the background should not wait until they happen to look.
 * What its area's own notice tells (an access request, a failed download) is left to it.
 */
public final class NeedsYouNotifier extends EventNotifier<NeedsYou.Changed> {

    /** What the last event listed, so that only what is new is told; touched on the event thread only. */
    private Set<Attention> known = Set.of();

    public NeedsYouNotifier() {
        super(NeedsYou.CHANGED, NeedsYou.Changed.class);
    }

    @Override
    protected Optional<Notice> noticeOf(NeedsYou.Changed changed) {
        List<Attention> fresh = changed.waiting().stream().filter(item -> !known.contains(item) && !item.toldByItsArea()).toList();
        known = Set.copyOf(changed.waiting());
        if (fresh.isEmpty()) {
            return Optional.empty();
        }
        String more = fresh.size() == 1 ? "" : "; and " + Counts.of(fresh.size() - 1, "more thing", "more things");
        return Optional.of(new Notice("Needs you: " + fresh.get(0).what(), "This node lists what needs you" + more + "."));
    }
}
