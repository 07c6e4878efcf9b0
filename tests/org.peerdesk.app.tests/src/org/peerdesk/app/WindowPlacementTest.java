package org.peerdesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peerdesk.app.WindowPlacement.Bounds;
import org.peerdesk.app.WindowPlacement.Saved;

/** Where the main window opens: where it was left, or sized to the screen. */
class WindowPlacementTest {

    private static final Bounds LAPTOP = new Bounds(0, 0, 1280, 800);
    private static final Bounds WIDE = new Bounds(0, 0, 2560, 1400);
    private static final Bounds SMALL = new Bounds(0, 0, 1024, 600);

    @TempDir
    Path data;

    @Test
    void theFirstTimeItTakesMostOfTheMainScreenCentredButNoLessThanTheViewsNeed() {
        assertEquals(new Bounds(192, 105, 2176, 1190), WindowPlacement.opening(Optional.empty(), List.of(WIDE)));
        assertEquals(new Bounds(80, 40, 1120, 720), WindowPlacement.opening(Optional.empty(), List.of(LAPTOP)),
                "at least the size the views were laid out for, where the screen has room");
        assertEquals(SMALL, WindowPlacement.opening(Optional.empty(), List.of(SMALL)), "never larger than the screen");
        assertEquals(new Bounds(2560 + 192, 105, 2176, 1190),
                WindowPlacement.opening(Optional.empty(), List.of(new Bounds(2560, 0, 2560, 1400), LAPTOP)), "on the main screen");
    }

    @Test
    void itOpensWhereItWasLeftWhileThatIsOnAScreen() {
        Bounds left = new Bounds(300, 200, 900, 600);
        assertEquals(left, WindowPlacement.opening(Optional.of(new Saved(left, false)), List.of(WIDE)));
        Bounds onSecondScreen = new Bounds(2700, 100, 1000, 700);
        assertEquals(onSecondScreen, WindowPlacement.opening(Optional.of(new Saved(onSecondScreen, false)),
                List.of(WIDE, new Bounds(2560, 0, 1920, 1080))));
    }

    @Test
    void aPlaceOnAScreenThatIsGoneOrTooSmallForItGivesWayToTheFirstTimesPlace() {
        Bounds onSecondScreen = new Bounds(2700, 100, 1000, 700);
        assertEquals(WindowPlacement.opening(Optional.empty(), List.of(LAPTOP)),
                WindowPlacement.opening(Optional.of(new Saved(onSecondScreen, false)), List.of(LAPTOP)), "the second screen is unplugged");
        assertEquals(WindowPlacement.opening(Optional.empty(), List.of(LAPTOP)),
                WindowPlacement.opening(Optional.of(new Saved(new Bounds(0, 0, 2400, 1300), false)), List.of(LAPTOP)),
                "left on a larger screen than any there is now");
        assertEquals(WindowPlacement.opening(Optional.empty(), List.of(LAPTOP)),
                WindowPlacement.opening(Optional.of(new Saved(new Bounds(1150, 720, 900, 600), false)), List.of(LAPTOP)),
                "only a corner of it would show");
    }

    @Test
    void whatIsSavedIsReadBackAndAFileThatMakesNoSenseIsIgnored() throws Exception {
        WindowPlacement placement = new WindowPlacement(data);
        assertEquals(Optional.empty(), placement.load(), "nothing saved yet");
        Saved saved = new Saved(new Bounds(-8, 40, 1500, 900), true);
        placement.save(saved);
        assertEquals(Optional.of(saved), placement.load());

        Path file = data.resolve("desktop/window.properties");
        Files.writeString(file, "x=12\ny=twelve\nwidth=800\nheight=600\n");
        assertEquals(Optional.empty(), placement.load(), "a number that is not one");
        Files.writeString(file, "x=12\ny=40\n");
        assertEquals(Optional.empty(), placement.load(), "a size missing");
        Files.write(file, new byte[] {(byte) 0xff, 0, '\\', 'u', 'z'});
        assertEquals(Optional.empty(), placement.load(), "bytes that are no properties at all");
        placement.save(saved);
        assertEquals(Optional.of(saved), placement.load(), "and the next save replaces it");
    }

    @Test
    void theViewsSizesAreSavedWithItAndAWeightThatMakesNoSenseIsLeftOutAlone() throws Exception {
        WindowPlacement placement = new WindowPlacement(data);
        Saved saved = new Saved(new Bounds(80, 40, 1120, 720), false,
                Map.of("org.peerdesk.app.partstack.main", 5200, "org.peerdesk.app.partstack.activity", 4800));
        placement.save(saved);
        assertEquals(Optional.of(saved), placement.load());

        Path file = data.resolve("desktop/window.properties");
        Files.writeString(file, "x=80\ny=40\nwidth=1120\nheight=720\nweight.main=60\nweight.activity=forty\nweight.navigation=-3\n"
                + "weight.sash=0\nweight.=12\n");
        assertEquals(Optional.of(new Saved(new Bounds(80, 40, 1120, 720), false, Map.of("main", 60))), placement.load(),
                "the window's place holds; only the weight that is one is read");
    }
}
