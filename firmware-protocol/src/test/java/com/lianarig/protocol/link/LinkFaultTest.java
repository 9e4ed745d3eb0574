package com.lianarig.protocol.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A link fault reaches people (fault causes, replies, the journal, the panels): in words, never as a record. */
class LinkFaultTest {
    @ParameterizedTest
    @EnumSource(LinkFault.Kind.class)
    void aLinkFaultReadsAsWordsNeverAsItsInternalNames(LinkFault.Kind kind) {
        LinkFault f = new LinkFault(kind, "node 1: the details");
        String text = "link fault " + f;
        assertFalse(text.contains("LinkFault["), text);
        assertFalse(text.contains(kind.name()), text);
        assertFalse(text.contains("kind="), text);
        assertEquals(kind.words() + ": node 1: the details", f.toString());
    }
}
