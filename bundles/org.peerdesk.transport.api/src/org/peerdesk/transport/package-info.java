/** Secure connections between peers and the protocol streams over them. */
package org.peerdesk.transport;
