/** File sharing: shares and their indexes, browsing peers' shares, and transfers between peers. */
package org.peerdesk.files;
