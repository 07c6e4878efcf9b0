package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Names in the command lines Peerdesk suggests are quoted where a shell would split or read them. */
class ShellWordsTest {

    @Test
    void aPlainNameStaysAsItIsAndAnyOtherIsQuotedWithWhatAShellReadsEscaped() {
        assertEquals("team", ShellWords.quoted("team"));
        assertEquals("ana.b-2_x", ShellWords.quoted("ana.b-2_x"));
        assertEquals("\"Release team\"", ShellWords.quoted("Release team"));
        assertEquals("\"Ben's desktop\"", ShellWords.quoted("Ben's desktop"));
        assertEquals("\"say \\\"hi\\\" for \\$5 \\`now\\` \\\\ !\"", ShellWords.quoted("say \"hi\" for $5 `now` \\ !"));
        assertEquals("\"root on vm (office)\"", ShellWords.quoted("root on vm (office)"));
        assertEquals("\"a;b\"", ShellWords.quoted("a;b"));
        assertEquals("\"\"", ShellWords.quoted(""));
    }
}
