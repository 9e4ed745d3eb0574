package com.lianarig.tools.journal;

import com.lianarig.tools.BadInputException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point in time as {@code --since} and {@code --until} take it: an ISO-8601 instant
 * ({@code 2026-11-25T08:30:00Z}, or with an offset), a local date and time ({@code 2026-11-25T08:30},
 * {@code 2026-11-25 08:30:15}), a local date ({@code 2026-11-25}: its start), {@code today}, or a time
 * before now ({@code 90s}, {@code 30m}, {@code 2h}, {@code 7d}, {@code 2w}).
 */
final class TimeBound {
    private static final Pattern RELATIVE = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d|w)");

    private TimeBound() {
    }

    /**
     * Parses {@code text}.
     *
     * @param now the time relative values count back from
     * @param zone the zone of local dates and times
     * @throws BadInputException naming the text and the forms accepted
     */
    static Instant parse(String text, Instant now, ZoneId zone) throws BadInputException {
        String t = text.strip();
        Matcher m = RELATIVE.matcher(t.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            return now.minus(d);
        }
        if (t.equalsIgnoreCase("today")) {
            return LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
        }
        if (t.equalsIgnoreCase("yesterday")) {
            return LocalDate.ofInstant(now, zone).minusDays(1).atStartOfDay(zone).toInstant();
        }
        String iso = t.length() > 10 && t.charAt(10) == ' ' ? t.substring(0, 10) + "T" + t.substring(11) : t;
        try {
            return Instant.parse(iso);
        } catch (DateTimeException e) {
            // not an instant: try the next form
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeException e) {
            // next
        }
        try {
            return LocalDateTime.parse(iso).atZone(zone).toInstant();
        } catch (DateTimeException e) {
            // next
        }
        try {
            return LocalDate.parse(iso).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw new BadInputException("\"" + text + "\" is not a time: give an ISO-8601 time (2026-11-25T08:30:00Z,"
                    + " 2026-11-25T08:30, 2026-11-25 08:30, 2026-11-25), today, yesterday, or a time before now"
                    + " (90s, 30m, 2h, 7d, 2w)");
        }
    }
}
