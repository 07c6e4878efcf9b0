package org.peerdesk.transport.ui;

import java.util.Map;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** Text as a QR code picture, black on white with the quiet zone readers need. */
final class QrCodes {

    private static final int QUIET_ZONE_MODULES = 4;

    private QrCodes() {
    }

    /** A picture of {@code text} with each module {@code scale} pixels wide. */
    static ImageData picture(String text, int scale) throws WriterException {
        BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE_MODULES));
        PaletteData palette = new PaletteData(new RGB(255, 255, 255), new RGB(0, 0, 0));
        ImageData image = new ImageData(matrix.getWidth() * scale, matrix.getHeight() * scale, 1, palette);
        for (int y = 0; y < image.height; y++) {
            for (int x = 0; x < image.width; x++) {
                image.setPixel(x, y, matrix.get(x / scale, y / scale) ? 1 : 0);
            }
        }
        return image;
    }
}
