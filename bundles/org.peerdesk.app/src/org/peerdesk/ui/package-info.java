/** What every Peerdesk UI bundle shares: widget names for tests and accessibility. */
package org.peerdesk.ui;
