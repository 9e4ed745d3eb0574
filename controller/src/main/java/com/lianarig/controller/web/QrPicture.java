package com.lianarig.controller.web;

import io.nayuki.qrcodegen.QrCode;

/**
 * A pairing link as a QR code (SPEC section 6a: a phone pairs by scanning what the rig shows): as SVG
 * for the technician's screen and as text for {@code rig panel-pair} in a terminal. Stateless.
 */
public final class QrPicture {
    /** The quiet zone around the code, modules (the standard asks for 4). */
    static final int BORDER = 4;

    private QrPicture() {
    }

    /** An SVG image of the code of {@code text}: black modules on white, one path, scalable. */
    public static String svg(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int side = qr.size + 2 * BORDER;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < qr.size; y++) {
            for (int x = 0; x < qr.size; x++) {
                if (qr.getModule(x, y)) {
                    path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
                }
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side
                + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"pairing QR code\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    /**
     * The code of {@code text} as lines of text, two modules per character row (upper and lower half
     * blocks), dark on a light terminal and light on a dark one both readable by a phone camera
     * because the quiet zone is drawn too.
     */
    public static String terminal(String text) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        int side = qr.size + 2 * BORDER;
        StringBuilder out = new StringBuilder();
        for (int y = 0; y < side; y += 2) {
            for (int x = 0; x < side; x++) {
                boolean top = dark(qr, x - BORDER, y - BORDER);
                boolean bottom = dark(qr, x - BORDER, y + 1 - BORDER);
                // light modules are drawn as ink: a terminal's background is usually dark
                out.append(!top && !bottom ? '\u2588' : !top ? '\u2580' : !bottom ? '\u2584' : ' ');
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static boolean dark(QrCode qr, int x, int y) {
        return x >= 0 && y >= 0 && x < qr.size && y < qr.size && qr.getModule(x, y);
    }
}
