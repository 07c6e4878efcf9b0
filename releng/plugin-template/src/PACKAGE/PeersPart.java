package @PACKAGE@;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.peerdesk.transport.PeerDirectory;
import org.peerdesk.transport.TransportService;
import org.peerdesk.transport.event.TransportTopics;
import org.peerdesk.ui.Background;
import org.peerdesk.ui.UiEvents;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The plugin's view in the desktop (fragment.e4xmi puts it beside Transfers): what the command says, kept current as
 * peers come and go. The desktop makes it with the node's services injected; a headless node never makes it, so the
 * desktop's packages it uses are optional imports in the manifest, and the same bundle runs there too.
 */
public final class PeersPart {

    @Inject
    UISynchronize ui;

    @Inject
    IEventBroker events;

    @Inject
    @Optional
    @Service
    PeerDirectory directory;

    @Inject
    @Optional
    @Service
    TransportService transport;

    private Label summary;
    private Background background;

    @PostConstruct
    void create(Composite parent) {
        GridLayoutFactory.swtDefaults().margins(10, 10).applyTo(parent);
        summary = new Label(parent, SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(summary);
        if (directory == null || transport == null) {
            summary.setText("The node is not running, so there are no peers to show.");
            return;
        }
        background = new Background(ui, summary); // the database is read off the UI thread, so the window never waits
        UiEvents.follow(events, TransportTopics.ALL, summary, this::show);
        show();
    }

    private void show() {
        background.refresh(() -> PeersSummary.read(directory, transport).text(), (text, error) -> {
            summary.setText(error == null ? text : "The peers cannot be read: " + error);
            summary.getParent().layout();
        });
    }
}
