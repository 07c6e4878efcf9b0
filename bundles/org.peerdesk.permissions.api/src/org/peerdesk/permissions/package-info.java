/** Who may do what on this node: trust states, grants, access requests, password grants, the audit log. */
package org.peerdesk.permissions;
