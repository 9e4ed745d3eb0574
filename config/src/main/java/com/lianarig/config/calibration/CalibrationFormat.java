package com.lianarig.config.calibration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lianarig.config.ChannelRef;
import com.lianarig.config.ConfigException;
import com.lianarig.config.yaml.Documents;
import com.lianarig.config.yaml.ObjectReader;
import com.lianarig.config.yaml.Problems;
import com.lianarig.config.yaml.TextRule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * The calibration file of one node: JSON, written by the software, readable by people.
 *
 * <pre>
 * {
 *   "formatVersion": 1,
 *   "nodeSerial": "VR-0001",
 *   "calibrations": [                       oldest first
 *     {
 *       "channel": 2,
 *       "kind": "fit",                      fit or tare
 *       "at": "2025-03-14T09:30:00Z",
 *       "technician": "J. Tech",
 *       "offsetCounts": -120345.5,          the zero (a fit's intercept, or the tare reading)
 *       "countsPerN": 2101.7,               the scale, from the points' fit (checked on reading)
 *       "points": [ { "rawCounts": -120340.0, "referenceMassKg": 0 }, ... ],
 *       "linearityErrorPercent": 0.012,     for the reader; recomputed from the points
 *       "residualsN": [ 0.03, -0.05, ... ]  for the reader; recomputed from the points
 *     }
 *   ]
 * }
 * </pre>
 */
final class CalibrationFormat {
    static final int FORMAT_VERSION = 1;
    static final int MAX_ENTRIES = 10_000;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final TextRule TECHNICIAN = Calibration::technicianProblem;

    private CalibrationFormat() {
    }

    static byte[] write(NodeCalibrations node) {
        ObjectNode root = NODES.objectNode();
        root.put("formatVersion", FORMAT_VERSION);
        root.put("nodeSerial", node.nodeSerial());
        ArrayNode list = root.putArray("calibrations");
        for (Calibration c : node.history()) {
            ObjectNode e = list.addObject();
            e.put("channel", c.channel().channel());
            e.put("kind", c.kind().id());
            e.put("at", c.at().toString());
            e.put("technician", c.technician());
            e.put("offsetCounts", c.offsetCounts());
            e.put("countsPerN", c.countsPerN());
            ArrayNode points = e.putArray("points");
            for (CalibrationPoint p : c.fit().points()) {
                points.addObject().put("rawCounts", p.rawCounts()).put("referenceMassKg", p.referenceMassKg());
            }
            e.put("linearityErrorPercent", c.fit().linearityErrorPercent());
            ArrayNode residuals = e.putArray("residualsN");
            c.fit().residualsN().forEach(residuals::add);
        }
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /**
     * Reads a node's calibration file.
     *
     * @param file the file's name for messages
     * @param nodeSerial the serial the file must belong to
     * @throws ConfigException listing every problem
     */
    static NodeCalibrations read(byte[] bytes, String file, String nodeSerial) throws ConfigException {
        return Documents.read(bytes, file, Documents.Format.JSON, "a calibration file", o -> node(o, nodeSerial));
    }

    private static NodeCalibrations node(ObjectReader o, String expectedSerial) {
        o.formatVersion(FORMAT_VERSION, "the file format, " + FORMAT_VERSION);
        String serial = o.text("nodeSerial", ChannelRef::serialProblem, "the node serial");
        if (serial != null && !serial.equals(expectedSerial)) {
            o.error("nodeSerial", "is not the serial this file is named for (" + Problems.quote(expectedSerial) + ")");
        }
        List<Calibration> history = new ArrayList<>();
        for (ObjectReader e : o.objects("calibrations", true, 0, MAX_ENTRIES, "a calibration")) {
            history.add(e == null ? null : e.build(x -> entry(x, expectedSerial)));
        }
        if (!o.clean()) {
            return null;
        }
        return o.construct(() -> new NodeCalibrations(expectedSerial, history));
    }

    private static Calibration entry(ObjectReader o, String serial) {
        long channel = o.integer("channel", 0, ChannelRef.MAX_CHANNEL, "");
        CalibrationKind kind = o.choice("kind", CalibrationKind.class);
        Instant at = instant(o, "at");
        String technician = o.text("technician", TECHNICIAN, "who calibrated");
        double offset = o.number("offsetCounts", -CalibrationPoint.MAX_ABS_COUNTS, CalibrationPoint.MAX_ABS_COUNTS,
                "counts");
        OptionalDouble countsPerN = o.rawNumber("countsPerN", "the scale, counts/N");
        List<CalibrationPoint> points = new ArrayList<>();
        for (ObjectReader p : o.objects("points", true, 2, LinearFit.MAX_POINTS, "a point")) {
            points.add(p == null ? null : p.build(CalibrationFormat::point));
        }
        o.rawNumber("linearityErrorPercent", null);
        o.has("residualsN");
        if (!o.clean()) {
            return null;
        }
        LinearFit fit;
        try {
            fit = new LinearFit(points);
        } catch (IllegalArgumentException e) {
            o.error("points", "do not make a fit: " + e.getMessage());
            return null;
        }
        double expected = fit.countsPerN();
        if (Math.abs(countsPerN.getAsDouble() - expected) > 1e-6 * Math.abs(expected)) {
            o.error("countsPerN", "does not match the fit of the points (" + expected
                    + "): the scale comes from the points");
        }
        if (kind == CalibrationKind.FIT && Math.abs(offset - fit.offsetCounts())
                > 1e-6 * Math.max(1, Math.abs(offset))) {
            o.error("offsetCounts", "does not match the fit of the points (" + fit.offsetCounts() + ")");
        }
        if (!o.clean()) {
            return null;
        }
        ChannelRef ref = new ChannelRef(serial, (int) channel);
        return o.construct(() -> new Calibration(ref, kind, at, technician, offset, fit));
    }

    private static CalibrationPoint point(ObjectReader o) {
        double raw = o.number("rawCounts", -CalibrationPoint.MAX_ABS_COUNTS, CalibrationPoint.MAX_ABS_COUNTS,
                "counts");
        double mass = o.number("referenceMassKg", 0, CalibrationPoint.MAX_REFERENCE_MASS_KG, "kg");
        return o.clean() ? o.construct(() -> new CalibrationPoint(raw, mass)) : null;
    }

    static Instant instant(ObjectReader o, String key) {
        String text = o.text(key, t -> {
            try {
                Instant.parse(t);
                return null;
            } catch (DateTimeParseException e) {
                return "is not an instant like 2025-03-14T09:30:00Z";
            }
        }, "an instant like 2025-03-14T09:30:00Z");
        return text == null ? null : Instant.parse(text);
    }
}
