/** Events about connections: peers connected, disconnected, moved. */
package org.peerdesk.transport.event;
