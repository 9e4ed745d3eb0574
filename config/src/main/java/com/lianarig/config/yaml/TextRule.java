package com.lianarig.config.yaml;

import java.util.regex.Pattern;

/** A check on a text value: why the text is not acceptable, or null when it is. */
@FunctionalInterface
public interface TextRule {
    /** @return the rule the text breaks, phrased to follow the quoted text ("is not ..."), or null */
    String problem(String text);

    /** Text matching {@code regex} whole; {@code description} says what is expected. */
    static TextRule matching(String regex, String description) {
        Pattern p = Pattern.compile(regex);
        return t -> p.matcher(t).matches() ? null : "is not " + description;
    }

    /** An id: 1..32 letters, digits, '-' or '_', starting with a letter or digit. */
    TextRule ID = matching("[A-Za-z0-9][A-Za-z0-9_-]{0,31}",
            "an id (1..32 letters, digits, '-' or '_', starting with a letter or digit)");
}
