/** Who this node is: its key pair, certificate, peer ID and display name. */
package org.peerdesk.identity;
