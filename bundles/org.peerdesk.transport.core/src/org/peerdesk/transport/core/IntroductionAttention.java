package org.peerdesk.transport.core;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.peerdesk.core.Attention;
import org.peerdesk.core.AttentionSource;
import org.peerdesk.core.Counts;
import org.peerdesk.transport.Introduction;
import org.peerdesk.transport.Introductions;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportException;

/** Introductions of peers that wait for the user's answer. */
@Component(service = AttentionSource.class)
public final class IntroductionAttention implements AttentionSource {

    /** The desktop's Peers view, which lists introductions with the peers. */
    private static final String VIEW = "org.peerdesk.transport.ui.part.peers";

    private final Introductions introductions;
    private final PeerDirectory directory;

    @Activate
    public IntroductionAttention(@Reference Introductions introductions, @Reference PeerDirectory directory) {
        this.introductions = introductions;
        this.directory = directory;
    }

    @Override
    public String area() {
        return "peers";
    }

    @Override
    public List<Attention> attention() throws TransportException {
        List<Introduction> waiting = introductions.introductions();
        if (waiting.isEmpty()) {
            return List.of();
        }
        String what = waiting.size() == 1
                ? directory.nameOf(waiting.get(0).introducer()) + " introduced " + waiting.get(0).name() + " to you: add them, or decline"
                : Counts.of(waiting.size(), "introduction") + " of peers wait for your answer";
        return List.of(new Attention(area(), what, "peerdesk introductions", VIEW));
    }
}
