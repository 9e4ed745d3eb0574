package com.lianarig.tools.calibrate;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * One machine-readable result line of {@code rig calibrate --batch} (and of {@code tare --batch}):
 * space-separated {@code key=value} pairs, always starting with {@code command=} and {@code result=}
 * ({@code ok} or {@code refused}, then {@code reason=CODE message="..."}).
 *
 * <pre>
 * command=point result=ok massKg=20 rawCounts=291832.4 stdCounts=39.8 samples=160 waitedS=0.0
 * command=fit result=refused reason=NOT_VALID message="its linearity error 0.712 % of full scale is above 0.5 %" ...
 * </pre>
 *
 * A value holding a space, a quote, an {@code =} or a backslash, or an empty one, is written in
 * double quotes with {@code \"} and {@code \\} escaped; numbers use a dot and no grouping.
 */
public final class ResultLine {
    private final StringJoiner pairs = new StringJoiner(" ");

    private ResultLine(String command, String result) {
        put("command", command);
        put("result", result);
    }

    /** A line for a command that was done. */
    public static ResultLine ok(String command) {
        return new ResultLine(command, "ok");
    }

    /** A line for a refused command: its reason code and message. */
    public static ResultLine refused(String command, String reason, String message) {
        return new ResultLine(command, "refused").put("reason", reason).put("message", message);
    }

    public ResultLine put(String key, String value) {
        pairs.add(key + "=" + quote(value));
        return this;
    }

    /** A number with {@code decimals} digits after the dot. */
    public ResultLine put(String key, double value, int decimals) {
        return put(key, number(value, decimals));
    }

    public ResultLine put(String key, long value) {
        return put(key, Long.toString(value));
    }

    public ResultLine put(String key, boolean value) {
        return put(key, Boolean.toString(value));
    }

    /** Numbers joined by commas, e.g. {@code residualsN=0.012,-0.030,0.018}. */
    public ResultLine put(String key, List<Double> values, int decimals) {
        StringJoiner j = new StringJoiner(",");
        values.forEach(v -> j.add(number(v, decimals)));
        return put(key, j.toString());
    }

    static String number(double value, int decimals) {
        String s = String.format(Locale.ROOT, "%." + decimals + "f", value);
        return s.matches("-0(\\.0*)?") ? s.substring(1) : s; // no "-0.000"
    }

    static String quote(String value) {
        if (!value.isEmpty() && value.chars().noneMatch(c -> c == ' ' || c == '"' || c == '=' || c == '\\'
                || c < 0x20)) {
            return value;
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            sb.append(c < 0x20 ? ' ' : c);
        }
        return sb.append('"').toString();
    }

    @Override
    public String toString() {
        return pairs.toString();
    }
}
