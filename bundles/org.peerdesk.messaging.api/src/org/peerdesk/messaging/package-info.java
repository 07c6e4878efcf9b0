/** Messaging: direct and group conversations between peers, signed, stored, and delivered even when peers are offline. */
package org.peerdesk.messaging;
