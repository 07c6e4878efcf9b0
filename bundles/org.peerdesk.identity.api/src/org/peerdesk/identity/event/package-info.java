/** Events this node's identity posts on EventAdmin. */
package org.peerdesk.identity.event;
