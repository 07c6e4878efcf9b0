package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AttentionTest {

    @Test
    void aCommandWithAParameterIsWrittenAsEclipseSerializesOneWithItsSpecialCharactersEscaped() {
        assertEquals("org.example.open(org.example.item=4f2a)", Attention.command("org.example.open", "org.example.item", "4f2a"));
        assertEquals("open(item=a%=b%,c%(d%)%%)", Attention.command("open", "item", "a=b,c(d)%"));
    }
}
