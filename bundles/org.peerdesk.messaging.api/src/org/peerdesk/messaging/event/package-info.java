/** Events of the messaging area. */
package org.peerdesk.messaging.event;
