/** Events of the backup area. */
package org.peerdesk.backup.event;
