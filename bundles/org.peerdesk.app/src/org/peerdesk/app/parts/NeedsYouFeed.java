package org.peerdesk.app.parts;

import java.util.List;
import java.util.function.BiConsumer;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.widgets.Control;
import org.peerdesk.core.Attention;
import org.peerdesk.core.NeedsYou;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.UiEvents;

/**
 * Keeps a control showing what needs the user: the list asked for once, off the UI thread, and then each
 * list the node announces. Not asked again at each announcement: a source whose answer changes at every
 * call (a plugin's bug) would then keep the node gathering without end.
 */
final class NeedsYouFeed {

    private NeedsYouFeed() {
    }

    /** {@code show} gets each list on the UI thread, or the reason the first could not be read. */
    static void follow(NeedsYou needsYou, IEventBroker events, UISynchronize ui, Control owner, BiConsumer<List<Attention>, String> show) {
        boolean[] announced = {false};
        new Background(ui, owner).refresh(needsYou::now, (waiting, error) -> {
            if (!announced[0]) {
                show.accept(waiting, error);
            }
        });
        UiEvents.receive(events, NeedsYou.CHANGED, NeedsYou.Changed.class, owner, changed -> {
            announced[0] = true;
            show.accept(changed.waiting(), null);
        });
    }
}
