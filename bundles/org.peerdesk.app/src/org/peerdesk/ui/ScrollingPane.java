package org.peerdesk.ui;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;

/**
 * A view's content that fills the view and scrolls up and down when the view is lower than it, its
 * lines wrapping to the view's width. Whoever changes what the content holds calls {@link #fit}.
 */
public final class ScrollingPane {

    private final ScrolledComposite scrolled;
    private final Composite content;

    /** Fills {@code parent}, which holds nothing else. */
    public ScrollingPane(Composite parent) {
        parent.setLayout(new FillLayout());
        scrolled = new ScrolledComposite(parent, SWT.V_SCROLL);
        scrolled.setExpandHorizontal(true);
        scrolled.setExpandVertical(true);
        content = new Composite(scrolled, SWT.NONE);
        scrolled.setContent(content);
        scrolled.addListener(SWT.Resize, event -> fit());
    }

    /** Where the view's controls go; it has no layout until the caller gives it one. */
    public Composite content() {
        return content;
    }

    /** Lays the content out again at the view's width, and lets it scroll as far down as it now reaches. */
    public void fit() {
        scrolled.setMinSize(content.computeSize(scrolled.getClientArea().width, SWT.DEFAULT, true));
        content.layout(true, true);
    }
}
