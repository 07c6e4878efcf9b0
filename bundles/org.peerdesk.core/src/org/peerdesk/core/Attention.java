package org.peerdesk.core;

import java.util.Objects;

/**
 * Something that waits for the user: an access request to answer, a conflict to settle, a problem that
 * stops an area doing its work. Each says what it is, the command line that deals with it, and the
 * desktop view (or command) that does. {@code peerdesk status}, the admin API and the desktop's
 * "This node" list them all; areas and plugins say what they have through an {@link AttentionSource}.
 *
 * @param area    the area it belongs to, as the {@link AttentionSource} names it
 * @param what    what waits, as a sentence without its full stop ("1 access request waits for your answer")
 * @param command the command line that deals with it ("peerdesk requests"), or "" for none
 * @param view    the ID of the desktop part that deals with it, or of the command that opens a dialog that
 *                does, or such a command with a parameter (see {@link #command}); "" for none
 * @param toldByItsArea whether its area's own notice tells the desktop's user when it comes up (an access
 *                request, a failed download), so that the general "needs you" notice does not tell it twice
 */
public record Attention(String area, String what, String command, String view, boolean toldByItsArea) {

    public Attention {
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(view, "view");
    }

    /** Something no notice of its area tells of. */
    public Attention(String area, String what, String command, String view) {
        this(area, what, command, view, false);
    }

    /**
     * The {@link #view} that runs the desktop's command {@code commandId} with {@code parameter} set to {@code value}
     * (opening the one conversation that waits, rather than the list of them): Eclipse's serialized form of a
     * parameterized command, {@code commandId(parameter=value)}, with "%", "(", ")", "," and "=" in them escaped by "%".
     */
    public static String command(String commandId, String parameter, String value) {
        return escaped(commandId) + "(" + escaped(parameter) + "=" + escaped(value) + ")";
    }

    private static String escaped(String text) {
        return text.replaceAll("([%(),=])", "%$1");
    }
}
