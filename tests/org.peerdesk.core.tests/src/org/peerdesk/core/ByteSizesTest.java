package org.peerdesk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class ByteSizesTest {

    @Test
    void sizesAreReadAsPeopleWriteThemInPowersOf1024() throws Exception {
        assertEquals(500L << 20, ByteSizes.parse("500M"));
        assertEquals(10L << 30, ByteSizes.parse("10G"));
        assertEquals(10L << 30, ByteSizes.parse(" 10 GiB "));
        assertEquals(10L << 30, ByteSizes.parse("10gb"));
        assertEquals(1L << 40, ByteSizes.parse("1T"));
        assertEquals(4096, ByteSizes.parse("4096"));
    }

    @Test
    void anythingElseIsRefusedSayingWhatASizeLooksLike() {
        for (String text : List.of("", "ten gigs", "-5G", "1.5G", "10P", "9999999999T")) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> ByteSizes.parse(text), text);
            assertEquals(true, refused.getMessage().startsWith("'" + text.strip() + "' is "), refused.getMessage());
        }
    }

    @Test
    void countsAreWrittenInTheLargestUnitUnder1024() {
        assertEquals("512 B", ByteSizes.format(512));
        assertEquals("1.5 MiB", ByteSizes.format(3L << 19));
        assertEquals("50.0 GiB", ByteSizes.format(50L << 30));
    }

    @Test
    void sizesAreWrittenBackAsTheyAreReadInTheLargestWholeUnit() throws Exception {
        for (long size : List.of(500L << 30, 1536L << 20, 1L << 40, 1000L, 4096L, 0L)) {
            assertEquals(size, ByteSizes.parse(ByteSizes.written(size)), ByteSizes.written(size));
        }
        assertEquals(List.of("500G", "1536M", "1T", "1000", "4K"),
                List.of(500L << 30, 1536L << 20, 1L << 40, 1000L, 4096L).stream().map(ByteSizes::written).toList());
    }

    @Test
    void ratesAreSizesASecondOrNone() throws Exception {
        assertEquals(2L << 20, ByteSizes.parseRate("2M"));
        assertEquals(2L << 20, ByteSizes.parseRate("2 MiB/s"));
        assertEquals(500L << 10, ByteSizes.parseRate("500k/s"));
        assertEquals(0, ByteSizes.parseRate("none"));
        assertEquals(0, ByteSizes.parseRate("0"));
        assertEquals("none", ByteSizes.formatRate(0));
        assertEquals("2.0 MiB/s", ByteSizes.formatRate(2L << 20));
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> ByteSizes.parseRate("fast"));
        assertEquals("'fast' is not a rate like 500K, 2M or none", refused.getMessage());
    }
}
