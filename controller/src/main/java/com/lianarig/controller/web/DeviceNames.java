package com.lianarig.controller.web;

/** What a paired device may be called: short, printable, one line (it is shown in lists and the journal). */
final class DeviceNames {
    static final int MAX_CHARS = 40;

    private DeviceNames() {
    }

    /** Why {@code name} cannot name a device, or null. */
    static String problem(String name) {
        if (name == null || name.isBlank()) {
            return "is empty: give the device a name, e.g. \"front desk phone\"";
        }
        if (name.length() > MAX_CHARS) {
            return "is " + name.length() + " characters; at most " + MAX_CHARS;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.isSurrogate(c) && !validSurrogate(name, i)) {
                return "holds a control character";
            }
        }
        return null;
    }

    private static boolean validSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
