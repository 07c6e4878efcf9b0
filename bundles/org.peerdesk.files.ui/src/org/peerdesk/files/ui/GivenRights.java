package org.peerdesk.files.ui;

import java.time.Instant;
import java.util.List;

import org.peerdesk.core.InvalidInputException;
import org.peerdesk.core.PeerId;
import org.peerdesk.permissions.Given;
import org.peerdesk.permissions.Resource;
import org.peerdesk.permissions.Right;

/** What peers say they give this node, asked about one right on one path. */
final class GivenRights {

    private GivenRights() {
    }

    /** Whether {@code owner} gives {@code right} on {@code path} ({@code share/path}) now, by what it told ({@code given}). */
    static boolean give(List<Given> given, PeerId owner, Right right, String path, Instant now) {
        Resource target;
        try {
            target = Resource.parse(path);
        } catch (InvalidInputException e) {
            return false; // no grant names such a path
        }
        return given.stream().anyMatch(each -> each.owner().equals(owner) && each.activeAt(now) && each.terms().gives(right, target));
    }
}
