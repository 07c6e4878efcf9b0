/** What plugins and areas implement to extend the transport: protocol handlers and the authorizer. */
package org.peerdesk.transport.spi;
