/** Events the permissions service posts on EventAdmin. */
package org.peerdesk.permissions.event;
