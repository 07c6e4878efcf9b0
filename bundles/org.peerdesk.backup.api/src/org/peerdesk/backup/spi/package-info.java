/** What areas and plugins implement to extend backup: sources of data of their own that backups keep. */
package org.peerdesk.backup.spi;
