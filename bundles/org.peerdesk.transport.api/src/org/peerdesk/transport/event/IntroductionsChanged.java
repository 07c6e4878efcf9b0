package org.peerdesk.transport.event;

import org.peerdesk.core.PeerId;

/** An introduction of {@code peer} arrived, or the user accepted or declined one. */
public record IntroductionsChanged(PeerId peer) {
}
