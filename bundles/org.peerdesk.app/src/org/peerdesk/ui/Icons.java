package org.peerdesk.ui;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

/**
 * The small pictures beside rows that name things on disk or on the network, so that a folder is told from a file
 * at a glance. Each is drawn from a grid of 16 by 16 characters, one a pixel: '.' is clear, any other a colour of the
 * icon's own; drawn here rather than shipped as files, they look the same on every desktop theme.
 */
public enum Icons {

    FOLDER(new String[] {
        "................",
        "................",
        ".ooooo..........",
        ".oLLLLo.........",
        ".oLLLLLoooooooo.",
        ".oLLLLLLLLLLLLo.",
        ".offffffffffffo.",
        ".offffffffffffo.",
        ".offffffffffffo.",
        ".offffffffffffo.",
        ".offffffffffffo.",
        ".offffffffffffo.",
        ".offffffffffffo.",
        ".oooooooooooooo.",
        "................",
        "................",
    }, Map.of('o', 0xB07D1A, 'L', 0xF8D77E, 'f', 0xF2C14E)),

    /** A share: a folder in blue, the colour of what others may reach. */
    SHARE(FOLDER.rows, Map.of('o', 0x2F6DB5, 'L', 0xA9CDF3, 'f', 0x7FB2EA)),

    FILE(new String[] {
        "................",
        "..oooooooooo....",
        "..offffffffoDo..",
        "..offffffffoDDo.",
        "..offffffffooooo",
        "..offffffffffffo",
        "..offllllllllffo",
        "..offffffffffffo",
        "..offllllllllffo",
        "..offffffffffffo",
        "..offllllllffffo",
        "..offffffffffffo",
        "..offffffffffffo",
        "..oooooooooooooo",
        "................",
        "................",
    }, Map.of('o', 0x8A8F98, 'f', 0xFFFFFF, 'D', 0xD8DBE0, 'l', 0xB5BAC2)),

    /** A peer: a computer. */
    PEER(new String[] {
        "................",
        "................",
        ".oooooooooooooo.",
        ".osssssssssssso.",
        ".oshhhsssssssso.",
        ".oshsssssssssso.",
        ".osssssssssssso.",
        ".osssssssssssso.",
        ".osssssssssssso.",
        ".osssssssssssso.",
        ".oooooooooooooo.",
        "......oooo......",
        "......oooo......",
        "...oooooooooo...",
        "................",
        "................",
    }, Map.of('o', 0x4A5568, 's', 0x6FA8DC, 'h', 0xB9D7F1)),

    /** A peer not connected now: its computer greyed, screen dark. */
    PEER_AWAY(PEER.rows, Map.of('o', 0x8A8F98, 's', 0xC9CDD3, 'h', 0xE2E5E9)),

    /** A conversation with one person. */
    PERSON(new String[] {
        "................",
        "......oooo......",
        ".....osssso.....",
        ".....osssso.....",
        ".....osssso.....",
        ".....osssso.....",
        "......oooo......",
        "................",
        "....oooooooo....",
        "...osssssssso...",
        "..osssssssssso..",
        "..osssssssssso..",
        "..oooooooooooo..",
        "................",
        "................",
        "................",
    }, Map.of('o', 0x4A5568, 's', 0x6FA8DC)),

    /** A group's conversation. */
    PEOPLE(new String[] {
        "................",
        "................",
        "..ooo.....ooo...",
        ".ossso...ossso..",
        ".ossso...ossso..",
        ".ossso...ossso..",
        "..ooo.....ooo...",
        "................",
        ".ooooo...ooooo..",
        "ossssso.ossssso.",
        "ossssso.ossssso.",
        "ossssso.ossssso.",
        "ooooooo.ooooooo.",
        "................",
        "................",
        "................",
    }, Map.of('o', 0x4A5568, 's', 0x6FA8DC));

    /** The grids' side, in pixels. */
    private static final int SIZE = 16;
    private static final String IMAGES = "peerdesk.icons";

    private final String[] rows;
    private final Map<Character, Integer> colours;

    Icons(String[] rows, Map<Character, Integer> colours) {
        this.rows = rows;
        this.colours = colours;
    }

    /** The icon's pixels, clear where the grid has '.'. */
    public ImageData imageData() {
        ImageData data = new ImageData(SIZE, SIZE, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
        byte[] alpha = new byte[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                char at = rows[y].charAt(x);
                if (at == '.') {
                    continue;
                }
                Integer colour = colours.get(at);
                if (colour == null) {
                    throw new IllegalStateException(name() + " has no colour for '" + at + "'");
                }
                data.setPixel(x, y, data.palette.getPixel(new RGB(colour >> 16, colour >> 8 & 0xFF, colour & 0xFF)));
                alpha[y * SIZE + x] = (byte) 0xFF;
            }
        }
        data.alphaData = alpha;
        return data;
    }

    /** The icon as an image of {@code display}, made once and disposed with the display. */
    public Image image(Display display) {
        @SuppressWarnings("unchecked")
        Map<Icons, Image> made = (Map<Icons, Image>) display.getData(IMAGES);
        if (made == null) {
            Map<Icons, Image> images = new EnumMap<>(Icons.class);
            display.setData(IMAGES, images);
            display.disposeExec(() -> images.values().forEach(Image::dispose));
            made = images;
        }
        return made.computeIfAbsent(this, icon -> new Image(display, icon.imageData()));
    }
}
