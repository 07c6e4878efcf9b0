/** Events of the file-sharing area. */
package org.peerdesk.files.event;
