package org.peerdesk.app.parts;

/** Byte counts as people read them: 1.5 GiB, 320 KiB. */
final class ByteSizes {

    private static final String[] UNITS = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private ByteSizes() {
    }

    static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(value < 10 ? "%.1f %s" : "%.0f %s", value, UNITS[unit]);
    }
}
