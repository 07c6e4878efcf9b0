package org.peerdesk.messaging.ui;

import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;

import org.eclipse.jface.fieldassist.ContentProposal;
import org.eclipse.jface.fieldassist.ContentProposalAdapter;
import org.eclipse.jface.fieldassist.IContentProposal;
import org.eclipse.jface.fieldassist.TextContentAdapter;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Text;
import org.peerdesk.core.PeerId;
import org.peerdesk.messaging.Mention;

/**
 * Offers the names of the open conversation's other members as the user types "@" and the start of one in the composer
 * (see {@link Mention#typing}, {@link Mention#completing}); choosing one puts the whole name in, and a space after it.
 */
final class MentionCompletion {

    private final Text composer;
    private final ContentProposalAdapter adapter;

    /** Completes mentions in {@code composer} of the members {@code others} gives, by name, when asked. */
    MentionCompletion(Text composer, Supplier<Map<PeerId, String>> others) {
        this.composer = composer;
        adapter = new ContentProposalAdapter(composer, new TextContentAdapter(), (contents, caret) -> {
            OptionalInt at = Mention.typing(contents, caret);
            if (at.isEmpty()) {
                return new IContentProposal[0];
            }
            return Mention.completing(contents.substring(at.getAsInt() + 1, caret), others.get()).stream()
                    .map(ContentProposal::new)
                    .toArray(IContentProposal[]::new);
        }, null, new char[] {'@'});
        adapter.setProposalAcceptanceStyle(ContentProposalAdapter.PROPOSAL_IGNORE);
        adapter.setAutoActivationDelay(0);
        adapter.setPopupSize(new Point(260, 120));
        adapter.addContentProposalListener(this::putIn);
    }

    /** Whether the list of names is open: Enter then chooses a name rather than sends the message. */
    boolean isOpen() {
        return adapter.isProposalPopupOpen();
    }

    private void putIn(IContentProposal chosen) {
        String text = composer.getText();
        int caret = composer.getCaretPosition();
        OptionalInt at = Mention.typing(text, caret);
        if (at.isEmpty()) {
            return;
        }
        String mention = "@" + chosen.getContent() + " ";
        composer.setText(text.substring(0, at.getAsInt()) + mention + text.substring(caret));
        composer.setSelection(at.getAsInt() + mention.length());
    }
}
